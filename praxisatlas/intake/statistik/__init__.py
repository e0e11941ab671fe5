"""Official statistics: read Destatis tables (`destatis`) and apply them to Kommune profiles (`apply`)."""
