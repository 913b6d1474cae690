"""Fetching documents named by URL for `workbench ingest URL`: a page fails in one line.

Only http and https are fetched; hosts that resolve to a loopback, private, link-local or other
non-public address are refused unless allowed (so that a URL in a shared list cannot make the
workbench read an intranet or a cloud metadata service); each redirect is checked the same way
and at most MAX_REDIRECTS are followed; the body is read up to a size limit and within timeouts.
The bytes are returned as fetched (after the transfer's own gzip or deflate is undone).
"""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass
from datetime import datetime, timezone

from workbench.core.documents import MAX_BYTES

MAX_REDIRECTS = 5
TIMEOUT_SECONDS = 20.0
SCHEMES = ("http", "https")
USER_AGENT = "workbench (a fact-checking workbench; one request per document named)"

# "scheme://..." or a scheme that names no host ("file:/x", "data:..."), to be refused by name.
_SCHEME = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://|(?:file|data|javascript|mailto):)", re.IGNORECASE)


class FetchError(ValueError):
    """A URL that cannot be fetched; the message is one line naming the reason."""


@dataclass(frozen=True)
class Fetched:
    url: str  # as given
    final_url: str  # after redirects
    data: bytes
    content_type: str
    retrieved_at: str  # ISO 8601, UTC


def looks_like_url(text: str) -> bool:
    """Whether an ingest argument is a URL (any scheme, so that `file:` is refused, not read)."""
    return bool(_SCHEME.match(text))


def fetch(
    url: str,
    *,
    allow_private: bool = False,
    max_bytes: int = MAX_BYTES,
    timeout: float = TIMEOUT_SECONDS,
    max_redirects: int = MAX_REDIRECTS,
) -> Fetched:
    """GET a URL under the limits above; raises FetchError with a one-line reason."""
    import httpx  # here, not at the top: most ingests name no URL, and httpx takes a while to import

    current = url
    headers = {"User-Agent": USER_AGENT}
    with httpx.Client(follow_redirects=False, timeout=timeout, headers=headers) as client:
        for _ in range(max_redirects + 1):
            target = _checked(current, allow_private)
            try:
                with client.stream("GET", target) as response:
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError(f"HTTP {response.status_code} redirect without a Location")
                        current = str(response.url.join(location))
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
                    data = _body(response, max_bytes)
                    return Fetched(
                        url=url,
                        final_url=str(response.url),
                        data=data,
                        content_type=response.headers.get("content-type", ""),
                        retrieved_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    )
            except httpx.TimeoutException:
                raise FetchError(f"no answer within {timeout:g} s") from None
            except httpx.HTTPError as error:
                raise FetchError(f"cannot fetch it ({type(error).__name__}: {error})".replace("\n", " ")) from None
    raise FetchError(f"more than {max_redirects} redirects")


def _body(response, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(_too_big(int(declared), max_bytes))
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(_too_big(size, max_bytes, more=True))
        chunks.append(chunk)
    return b"".join(chunks)


def _too_big(size: int, max_bytes: int, more: bool = False) -> str:
    over = "over " if more else ""
    return f"page is {over}{size / 1_048_576:.1f} MB, over the {max_bytes / 1_048_576:.0f} MB limit"


def _checked(url: str, allow_private: bool):
    """The URL as an httpx.URL, if its scheme may be fetched and its host is public (or private
    hosts are allowed)."""
    import httpx

    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as error:
        raise FetchError(f"not a valid URL ({error})") from None
    if parsed.scheme not in SCHEMES:
        raise FetchError(f"only http and https URLs are fetched, not {parsed.scheme or 'this'}:")
    host = parsed.host
    if not host:
        raise FetchError("URL has no host")
    if allow_private:
        return parsed
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)}
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"cannot resolve {host} ({getattr(error, 'strerror', None) or error})") from None
    for address in sorted(addresses):
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        mapped = getattr(ip, "ipv4_mapped", None)
        if not (mapped or ip).is_global:
            raise FetchError(f"{host} is a non-public address ({ip}); use --allow-private to fetch it")
    return parsed
