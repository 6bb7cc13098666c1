// libFuzzer provides the one function the header declares.
