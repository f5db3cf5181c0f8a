"""Signed-in sessions: idle and absolute timeouts, and the person's own list of sessions ("Mina sessioner").

At sign-in the session gets its start time and a ``SessionRecord`` (address, browser, when). Every request of a
signed-in person checks two limits from settings: ``SESSION_IDLE_SECONDS`` (30 minutes without a request) and
``SESSION_ABSOLUTE_SECONDS`` (10 hours after signing in); past either the person is signed out. The last-seen time
is written at most once a minute (``SESSION_TOUCH_SECONDS``), so a page costs no extra write.
"""

import time
from importlib import import_module

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.web.middleware import client_ip

from .models import SessionRecord

SIGNED_IN_AT = "medborgarloften_signed_in_at"
LAST_SEEN_AT = "medborgarloften_last_seen_at"


def session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def on_login(sender, request, user, **kwargs):
    """user_logged_in: stamp the session and record it."""
    if request is None or not hasattr(request, "session"):
        return
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN_AT] = now
    if request.session.session_key is None:
        request.session.save()
    stamp = timezone.now()
    SessionRecord.objects.update_or_create(session_key=request.session.session_key, defaults={
        "person": user, "created_at": stamp, "last_seen": stamp,
        "address": _address(request), "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300],
    })


def on_logout(sender, request, user, **kwargs):
    if request is not None and getattr(request, "session", None) is not None and request.session.session_key:
        SessionRecord.objects.filter(session_key=request.session.session_key).delete()


def _address(request):
    try:
        return client_ip(request) or None
    except KeyError:
        return None


def active_sessions(person):
    """Return the person's sessions that still exist, newest first (records of expired ones are removed)."""
    store = session_store()
    records = list(SessionRecord.objects.filter(person=person))
    alive = []
    for record in records:
        if store().exists(record.session_key):
            alive.append(record)
        else:
            record.delete()
    return sorted(alive, key=lambda r: r.last_seen, reverse=True)


def end_session(person, record_pk):
    """End one of ``person``'s sessions at once; return True if there was one."""
    record = SessionRecord.objects.filter(person=person, pk=record_pk).first()
    if record is None:
        return False
    session_store()(session_key=record.session_key).delete()
    record.delete()
    return True


class SessionTimeoutMiddleware:
    """Sign a person out after ``SESSION_IDLE_SECONDS`` without a request or ``SESSION_ABSOLUTE_SECONDS`` after sign-in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            signed_in = request.session.get(SIGNED_IN_AT)
            last_seen = request.session.get(LAST_SEEN_AT)
            if not isinstance(signed_in, (int, float)) or not isinstance(last_seen, (int, float)):
                # A session from before the timeouts existed: it starts now.
                request.session[SIGNED_IN_AT] = request.session[LAST_SEEN_AT] = signed_in = last_seen = now
            if now - last_seen > settings.SESSION_IDLE_SECONDS or now - signed_in > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, _("You were signed out after a while without activity, or after a long session. Sign in again."))
                return redirect(reverse("accounts:login") + "?next=" + request.path)
            if now - last_seen > settings.SESSION_TOUCH_SECONDS:
                request.session[LAST_SEEN_AT] = now
                SessionRecord.objects.filter(session_key=request.session.session_key).update(last_seen=timezone.now())
        return self.get_response(request)
