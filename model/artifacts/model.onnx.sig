{
  "format": 1,
  "algorithm": "ed25519",
  "sha256": "f0479a0657888b7ba7f47d4a609949dfbeba1c3a780a6b7ab6d63a1608737162",
  "signature": "Vx+5nuwQB3R0eweUGAeFI/i+TlNGF2CkOs6mXY/JSoI4rQcQ/ad5Ccc0LFkgikRstpj+a7BXmdDZTnvOF7aUBw==",
  "keyId": "a45549bd84a8bb62",
  "signedAt": "2026-11-24T23:40:05.897Z"
}
