#!/usr/bin/env python3
"""Übernimmt amtliche Einwohnerzahlen, Flächen und NUTS-3-Codes aus der Destatis-Tabelle
„Kreisfreie Städte und Landkreise nach Fläche, Bevölkerung und Bevölkerungsdichte“ (GV-ISys, .xlsx)
in die Kommunenprofile unter content/kommunen/.
"""

import sys

from praxisatlas.cli import import_statistik_main

if __name__ == "__main__":
    sys.exit(import_statistik_main())
