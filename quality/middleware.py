"""Attach the user to every history event written during a request."""

from pghistory.middleware import HistoryMiddleware as PGHistoryMiddleware

# Only requests that change data: a GET writes nothing but access-log rows, which are not
# tracked, so it need not pay for the context variables pghistory adds to each statement.
TRACKED_METHODS = ("POST", "PUT", "PATCH", "DELETE")


class HistoryMiddleware(PGHistoryMiddleware):
    """pghistory's middleware, skipped on safe methods."""

    def __call__(self, request):
        if request.method not in TRACKED_METHODS:
            return self.get_response(request)
        return super().__call__(request)
