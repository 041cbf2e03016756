# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Event callback signature and AES-256-CBC envelope, as DingTalk documents them.

The padding is PKCS#7 with a 32-byte block (pad bytes 1..32), not the 16-byte
block of the AES standard: ``cryptography``'s PKCS7(128) unpadder rejects it.
"""

import base64
import binascii
import hashlib
import hmac
import os
import struct

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

BLOCK = 32


class CallbackCryptoError(ValueError):
    """The envelope cannot be trusted: bad key, signature, padding or owner."""


def aes_key_bytes(aes_key):
    """The 43-character console key is base64 without its final '='."""
    if not aes_key or len(aes_key) != 43 or not aes_key.isalnum():
        raise CallbackCryptoError("the AES key must be 43 letters or digits")
    return base64.b64decode(aes_key + "=")


def signature(token, timestamp, nonce, encrypt):
    return hashlib.sha1("".join(sorted([token, timestamp, nonce, encrypt])).encode()).hexdigest()


def check_signature(token, timestamp, nonce, encrypt, received):
    """Constant-time check; bytes on both sides (``compare_digest`` raises on non-ASCII str)."""
    if not isinstance(received, str):
        return False
    expected = signature(token, timestamp, nonce, encrypt).encode()
    return hmac.compare_digest(expected, received.encode("utf-8", "replace"))


def encrypt(text, aes_key, owner_key, random_bytes=None):
    key = aes_key_bytes(aes_key)
    body = text.encode()
    raw = (
        (random_bytes or os.urandom(16)) + struct.pack(">I", len(body)) + body + owner_key.encode()
    )
    pad = BLOCK - len(raw) % BLOCK
    raw += bytes([pad]) * pad
    encryptor = Cipher(algorithms.AES(key), modes.CBC(key[:16])).encryptor()
    return base64.b64encode(encryptor.update(raw) + encryptor.finalize()).decode()


def decrypt(encrypted, aes_key, owner_keys):
    """Return the plaintext; ``owner_keys`` lists the trailing keys accepted."""
    key = aes_key_bytes(aes_key)
    try:
        data = base64.b64decode(encrypted, validate=True)
    except (binascii.Error, ValueError) as error:
        raise CallbackCryptoError("the payload is not base64") from error
    if not data or len(data) % 16:
        raise CallbackCryptoError("the payload is truncated")
    decryptor = Cipher(algorithms.AES(key), modes.CBC(key[:16])).decryptor()
    raw = decryptor.update(data) + decryptor.finalize()
    pad = raw[-1]
    if not 1 <= pad <= BLOCK or raw[-pad:] != bytes([pad]) * pad:
        raise CallbackCryptoError("bad padding: wrong AES key or garbled payload")
    raw = raw[:-pad]
    if len(raw) < 20:
        raise CallbackCryptoError("the payload is truncated")
    (length,) = struct.unpack(">I", raw[16:20])
    if 20 + length > len(raw):
        raise CallbackCryptoError("bad length: wrong AES key or garbled payload")
    owner = raw[20 + length :]
    if owner.decode(errors="replace") not in owner_keys:
        raise CallbackCryptoError("the payload was sealed for another app")
    try:
        return raw[20 : 20 + length].decode()
    except UnicodeDecodeError as error:
        raise CallbackCryptoError("the payload is not UTF-8") from error
