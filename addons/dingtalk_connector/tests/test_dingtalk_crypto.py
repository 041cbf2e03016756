# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import json

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from odoo.tests import BaseCase, tagged

from ..tools import crypto
from ..tools.crypto import CallbackCryptoError

# Official vector 1 (配置事件推送方式 FAQ), shared reference A.8.
TOKEN = "123456"
AES_KEY = "1234567890123456789012345678901234567890123"
OWNER = "dingsnotzck6pm5veliw"
TIMESTAMP = "1614767836"
NONCE = "A7Co0cJLMzIDtMMI"
SIGNATURE = "9a95a004dd16f5c307e849b994173f76aa26e5eb"
ENCRYPT = "YvkvaGe4hQxd3VxRmEty0dVlnCOAqwf56xwTRHDHoOURqhalbmBJQk5FNcRk42Gl5T0YQXZNwpwWSm1xAFJ5ZA=="
# Our reply to vector 1 with the random prefix fixed, as the fake server expects it.
FIXED_RANDOM = b"0123456789abcdef"
REPLY_SIGNATURE = "40726b384ba1fee4fe7d20187b03456eec90183c"
REPLY_ENCRYPT = (
    "GCr6999U/V4/3veZ85Bxl8C6wynLzYV25PCR3saSX7v+7tNf5Ck2RJ2NAGnTOWhvJ4H0D2M/DU/3568ASGogSA=="
)
# Official vector 2 (legacy ISV documentation): millisecond timestamp, suite key owner.
AES_KEY_2 = "4g5j64qlyl3zvetqxz5jiocdr586fn2zvjpa8zls3ij"
OWNER_2 = "suite4xxxxxxxxxxxxxxx"
TIMESTAMP_2 = "1445827045067"
NONCE_2 = "nEXhMP4r"
SIGNATURE_2 = "5a65ceeef9aab2d149439f82dc191dd6c5cbe2c0"
ENCRYPT_2 = (
    "1a3NBxmCFwkCJvfoQ7WhJHB+iX3qHPsc9JbaDznE1i03peOk1LaOQoRz3+nlyGNhwmwJ3vDMG+OzrHMeiZI7gTRWVd"
    "UBmfxjZ8Ej23JVYa9VrYeJ5as7XM/ZpulX8NEQis44w53h1qAgnC3PRzM7Zc/D6Ibr0rgUathB6zRHP8PYrfgnNOS9"
    "PhSBdHlegK+AGGanfwjXuQ9+0pZcy0w9lQ=="
)


def _raw_plaintext(encrypted, aes_key):
    """Decrypted bytes with their padding, to look at what the module strips."""
    key = crypto.aes_key_bytes(aes_key)
    decryptor = Cipher(algorithms.AES(key), modes.CBC(key[:16])).decryptor()
    return decryptor.update(base64.b64decode(encrypted)) + decryptor.finalize()


def _flip_byte(encrypted, index):
    data = bytearray(base64.b64decode(encrypted))
    data[index] ^= 1
    return base64.b64encode(bytes(data)).decode()


@tagged("dingtalk_crypto")
class TestDingtalkCrypto(BaseCase):
    # ------------------------------------------------------------
    # KNOWN ANSWERS
    # ------------------------------------------------------------
    def test_vector_1(self):
        self.assertEqual(crypto.signature(TOKEN, TIMESTAMP, NONCE, ENCRYPT), SIGNATURE)
        self.assertTrue(crypto.check_signature(TOKEN, TIMESTAMP, NONCE, ENCRYPT, SIGNATURE))
        self.assertEqual(crypto.decrypt(ENCRYPT, AES_KEY, [OWNER]), "success")
        self.assertTrue(_raw_plaintext(ENCRYPT, AES_KEY).rstrip(b"\x11").endswith(OWNER.encode()))

    def test_vector_2(self):
        self.assertEqual(crypto.signature(TOKEN, TIMESTAMP_2, NONCE_2, ENCRYPT_2), SIGNATURE_2)
        self.assertTrue(crypto.check_signature(TOKEN, TIMESTAMP_2, NONCE_2, ENCRYPT_2, SIGNATURE_2))
        payload = json.loads(crypto.decrypt(ENCRYPT_2, AES_KEY_2, [OWNER_2]))
        self.assertEqual(
            payload,
            {"EventType": "check_create_suite_url", "Random": "LPIdSnlF", "TestSuiteKey": OWNER_2},
        )

    def test_reproducible_reply(self):
        reply = crypto.encrypt("success", AES_KEY, OWNER, random_bytes=FIXED_RANDOM)
        self.assertEqual(reply, REPLY_ENCRYPT)
        self.assertEqual(crypto.signature(TOKEN, TIMESTAMP, NONCE, reply), REPLY_SIGNATURE)

    def test_padding_uses_32_byte_blocks(self):
        """16 random + 4 length + 7 "success" + 20 owner = 47 bytes: 17 pad bytes.

        A pad value above 16 only exists with 32-byte blocks; a standard
        PKCS#7(128) unpadder would reject this official vector.
        """
        raw = _raw_plaintext(ENCRYPT, AES_KEY)
        self.assertEqual(len(raw), 64)
        self.assertEqual(raw[-17:], bytes([17]) * 17)
        ours = _raw_plaintext(crypto.encrypt("success", AES_KEY, OWNER, FIXED_RANDOM), AES_KEY)
        self.assertEqual(ours[-17:], bytes([17]) * 17)

    def test_chinese_round_trip(self):
        text = json.dumps({"EventType": "bpms_instance_change", "title": "合同审批：上海某某公司"})
        encrypted = crypto.encrypt(text, AES_KEY, OWNER)
        self.assertEqual(crypto.decrypt(encrypted, AES_KEY, [OWNER]), text)
        raw = _raw_plaintext(encrypted, AES_KEY)
        # The length field counts UTF-8 bytes, not characters.
        self.assertEqual(int.from_bytes(raw[16:20], "big"), len(text.encode()))
        self.assertEqual(len(raw) % 32, 0)

    # ------------------------------------------------------------
    # REJECTIONS
    # ------------------------------------------------------------
    def test_tampered_signature_is_refused(self):
        self.assertFalse(crypto.check_signature(TOKEN, TIMESTAMP, NONCE, ENCRYPT, SIGNATURE[:-1]))
        self.assertFalse(crypto.check_signature(TOKEN, TIMESTAMP, NONCE, ENCRYPT[:-4], SIGNATURE))
        self.assertFalse(crypto.check_signature(TOKEN, TIMESTAMP, NONCE, ENCRYPT, None))

    def test_wrong_key_is_refused(self):
        with self.assertRaises(CallbackCryptoError):
            crypto.decrypt(ENCRYPT, AES_KEY_2, [OWNER])
        with self.assertRaises(CallbackCryptoError):
            crypto.decrypt(ENCRYPT, "too-short", [OWNER])

    def test_truncated_payload_is_refused(self):
        data = base64.b64decode(ENCRYPT)
        for truncated in (data[:-16], data[:-5], data[:16], b""):
            with self.subTest(length=len(truncated)), self.assertRaises(CallbackCryptoError):
                crypto.decrypt(base64.b64encode(truncated).decode(), AES_KEY, [OWNER])

    def test_garbled_payload_is_refused(self):
        # Byte 0 flips the length field of the next block, byte -17 the pad byte.
        for index in (0, -17):
            with self.subTest(index=index), self.assertRaises(CallbackCryptoError):
                crypto.decrypt(_flip_byte(ENCRYPT, index), AES_KEY, [OWNER])

    def test_non_base64_is_refused(self):
        for garbage in ("not base64 at all!", "YWJj*ZGVm", "é" * 24):
            with self.subTest(garbage=garbage), self.assertRaises(CallbackCryptoError):
                crypto.decrypt(garbage, AES_KEY, [OWNER])

    def test_wrong_owner_is_refused(self):
        for owners in ([OWNER[:-1]], ["dingother"], [], [OWNER + "x"]):
            with self.subTest(owners=owners), self.assertRaises(CallbackCryptoError):
                crypto.decrypt(ENCRYPT, AES_KEY, owners)
