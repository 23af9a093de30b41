"""nwl-assistant: cited answers over NHS North West London planning documents."""

__version__ = "0.1.0"
