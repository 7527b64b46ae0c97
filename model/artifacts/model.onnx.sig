{
  "format": 1,
  "algorithm": "ed25519",
  "sha256": "7bcab58d9fc90431ae48aa4b3c44ba57be81fe991fb1516b568e6520abd4715c",
  "signature": "SvROoGNjscF0rW1cs9eEFffOLltyi5yeSV/OB3vY1HOwYPca4BB7MFOkUM/fnZKKVj/EfnvwAwl02odUXPC/Bg==",
  "keyId": "a45549bd84a8bb62",
  "signedAt": "2026-11-24T23:53:41.911Z"
}
