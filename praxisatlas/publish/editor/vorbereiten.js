// Sveltia CMS starts only when bearbeiten.js has registered the Praxisatlas file formats.
window.CMS_MANUAL_INIT = true;
