# Sourced by the benchmark scripts: the Release host runs as in production, with real (self-signed) token
# certificates and an operator client whose token the load generator sends, so every request pays for
# authentication like a real one does.
bench_identity_dir="$(mktemp -d)"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=ipshield-bench" \
  -addext "keyUsage=digitalSignature,keyEncipherment" \
  -keyout "$bench_identity_dir/key.pem" -out "$bench_identity_dir/cert.pem" >/dev/null 2>&1
openssl pkcs12 -export -inkey "$bench_identity_dir/key.pem" -in "$bench_identity_dir/cert.pem" \
  -out "$bench_identity_dir/bench.pfx" -passout pass:bench
export Identity__SigningCertificate__Path="$bench_identity_dir/bench.pfx" Identity__SigningCertificate__Password=bench
export Identity__EncryptionCertificate__Path="$bench_identity_dir/bench.pfx" Identity__EncryptionCertificate__Password=bench
export Identity__AllowHttp=true Identity__OperatorClient__ClientId=bench-operator Identity__OperatorClient__ClientSecret=bench-operator-secret-0123456789

# Prints an access token for the operator client from the host at $1 (its base URL).
bench_token() {
  curl -sf "$1/connect/token" -d grant_type=client_credentials -d client_id=bench-operator \
    -d client_secret=bench-operator-secret-0123456789 -d scope=api | tr -d '\n' | sed -E 's/.*"access_token": *"([^"]+)".*/\1/'
}

# Training signs check-in codes; Production refuses to start without a key of its own.
export Training__CheckInKey="$(openssl rand -hex 32)"
