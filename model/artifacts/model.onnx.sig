{
  "format": 1,
  "algorithm": "ed25519",
  "sha256": "3987411eb86691cb3fdfc797f0fac555977f649dbd4583f90f9f0f5fa60a8be2",
  "signature": "m3EubOKi4DY2nM3YOOgkBSs1Yl2v/3BNiOuPnEjTDDnfE9S06yEiY54qkeMO0epULpiFCMz2FseQoPuOiMx3Bw==",
  "keyId": "a45549bd84a8bb62",
  "signedAt": "2026-11-24T22:19:04.711Z"
}
