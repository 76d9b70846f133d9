"""wlmail: run WLanguage email scripts (WINDEV/WEBDEV) with Python."""
__version__ = "0.1.0"
