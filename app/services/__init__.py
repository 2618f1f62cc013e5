"""Use cases and rules of Styrkort. No Qt: the command line, the tests and the GUI share them."""
