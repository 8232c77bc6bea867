"""The package version, on the ground floor: any layer may name it without importing the others."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("filigrane")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0+unknown"
