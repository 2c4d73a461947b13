#!/bin/sh
# Makes the certificates of a Lampyris deployment with openssl: a certificate authority, the posts' credentials and
# the clients' (engineers', operators', integrators'), all ECDSA P-256.
#
#   make-credentials.sh OUT_DIR [client-name:role ...]
#
# OUT_DIR/ca.pem          the authority's certificate: goes to every post's conf/security/ as trust.file
# OUT_DIR/ca.key          the authority's private key: keep it offline, it signs everything below
# OUT_DIR/post.pem        the post's private key and certificate chain: conf/security/ as credentials.file
# OUT_DIR/clients/NAME.crt, NAME.key   a client's certificate and key (coap-client -c NAME.crt -j NAME.key)
# OUT_DIR/clients/NAME.pem             both in one file (Californium clients)
# and prints the certificate.roles lines for conf/org.lampyris.security.cfg.
set -eu
out=${1:?usage: make-credentials.sh OUT_DIR [client-name:role ...]}
shift
days=${LAMPYRIS_CERT_DAYS:-3650}
mkdir -p "$out/clients"
cd "$out"
if [ ! -f ca.key ]; then
  openssl ecparam -name prime256v1 -genkey -noout -out ca.key.tmp
  openssl pkcs8 -topk8 -nocrypt -in ca.key.tmp -out ca.key && rm ca.key.tmp
  openssl req -x509 -new -key ca.key -sha256 -days "$days" -subj "/CN=Lampyris certificate authority" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.pem
fi
issue() { # name, extensions
  openssl ecparam -name prime256v1 -genkey -noout -out "$1.key.tmp"
  openssl pkcs8 -topk8 -nocrypt -in "$1.key.tmp" -out "$1.key" && rm "$1.key.tmp"
  openssl req -new -key "$1.key" -subj "/CN=$(basename "$1")" -out "$1.csr"
  printf '%s\n' "$2" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -sha256 -days "$days" \
    -extfile "$1.ext" -out "$1.crt" 2>/dev/null
  rm "$1.csr" "$1.ext"
  cat "$1.key" "$1.crt" ca.pem > "$1.pem"
}
issue post "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1"
rm -f post.key post.crt
roles=""
for spec in "$@"; do
  name=${spec%%:*}
  issue "clients/$name" "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth"
  roles="${roles:+$roles, }$spec"
done
echo "certificate.roles = [$roles]"
rm -f ca.srl
