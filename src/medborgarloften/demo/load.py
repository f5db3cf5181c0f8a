DEMO_LOGINS = []


def demo_is_loaded():
    return True


def load_demo(*, password):
    raise NotImplementedError
