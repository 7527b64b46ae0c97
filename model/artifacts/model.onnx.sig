{
  "format": 1,
  "algorithm": "ed25519",
  "sha256": "ef4d32fb3515650dc839169e614ecdb5764fe79c41d8a61fcccd2a66dac0403e",
  "signature": "peHj/Nxu7F+/GZoGKqauU7QXgGtRDyH9bpsqqLeZ9ACSFoiZCiX7cGaTxo9Ki9TM8cp8RPvkQVA3SgnZV5PJAQ==",
  "keyId": "a45549bd84a8bb62",
  "signedAt": "2026-12-06T22:52:40.214Z"
}
