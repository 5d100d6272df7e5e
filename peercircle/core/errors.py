class UserFacingError(Exception):
    """A request that cannot be carried out. The message is written for the person who asked
    and is safe to show; nothing has been changed when it is raised."""
