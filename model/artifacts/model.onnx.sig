{
  "format": 1,
  "algorithm": "ed25519",
  "sha256": "f032657aba9d64fac7f25ddd12aaf9bdf95136016ba36558f3352b0b9f938212",
  "signature": "0ycNOONLBnaUdX5WkHCKj3tqqGKSoVdQkyXqDBnZ8s1VcPDbdE9oRXZD7jVPg0Q2vo0ST7WuCfnqA008ISKzDw==",
  "keyId": "a45549bd84a8bb62",
  "signedAt": "2026-11-24T21:53:58.816Z"
}
