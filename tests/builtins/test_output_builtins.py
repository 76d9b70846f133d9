from wlmail.runtime.values import WLArray


def test_info_and_trace_print_each_argument_on_its_own_line(wl):
    wl.call("Info", "Hello", 42, 2.5, True)
    wl.call("TRACE", "a", "b")
    assert wl.stdout.getvalue() == "Hello\n42\n2.5\n1\na\nb\n"
    assert wl.stderr.getvalue() == ""


def test_error_and_warning_go_to_stderr_in_both_languages(wl):
    wl.call("Error", "Unable to start the SMTP session.", "timeout")
    wl.call("Erreur", "échec")
    wl.call("Warning", "careful")
    wl.call("Avertissement", "attention")
    assert wl.stderr.getvalue() == ("Unable to start the SMTP session.\ntimeout\néchec\n"
                                    "careful\nattention\n")
    assert wl.stdout.getvalue() == ""


def test_info_of_an_array_prints_its_elements(wl):
    wl.call("Info", WLArray(None, ["x", "y"]))
    assert wl.stdout.getvalue() == "x\r\ny\n"
