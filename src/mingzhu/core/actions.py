"""What every module's actions raise when they refuse (besides PermissionDenied and
Http404): the API turns these into 400 and 409."""


class ActionError(ValueError):
    """The object is not in a state that allows this action, or the input is wrong."""


class ActionConflict(ActionError):
    """Someone else already made this very change (e.g. two people verifying at once)."""
