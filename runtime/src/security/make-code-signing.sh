#!/bin/sh
# Makes the code-signing keys of a Lampyris deployment with openssl: a code-signing certificate authority and one
# signer (a vendor or the city's release engineer), ECDSA P-256. Posts install only bundles signed by a certificate
# that chains to the authority.
#
#   make-code-signing.sh OUT_DIR [SIGNER_NAME]      (SIGNER_NAME defaults to "Lampyris code signer")
#
# OUT_DIR/code-signing-ca.pem   the authority's certificate: goes to every post's conf/security/ (trust.file)
# OUT_DIR/code-signing-ca.key   the authority's private key: keep it offline, it certifies every signer
# OUT_DIR/signer.p12            the signer's key and certificate chain for jarsigner (alias "signer"), protected
#                               by $LAMPYRIS_KEYSTORE_PASSWORD (default lampyris-dev: change it outside development)
#
# Sign a bundle:  jarsigner -keystore OUT_DIR/signer.p12 -storetype PKCS12 -storepass PASSWORD bundle.jar signer
# Run it again with another SIGNER_NAME and OUT_DIR holding the same CA to certify one more signer.
set -eu
out=${1:?usage: make-code-signing.sh OUT_DIR [SIGNER_NAME]}
name=${2:-Lampyris code signer}
days=${LAMPYRIS_CERT_DAYS:-3650}
password=${LAMPYRIS_KEYSTORE_PASSWORD:-lampyris-dev}
mkdir -p "$out"
cd "$out"
if [ ! -f code-signing-ca.key ]; then
  openssl ecparam -name prime256v1 -genkey -noout -out ca.key.tmp
  openssl pkcs8 -topk8 -nocrypt -in ca.key.tmp -out code-signing-ca.key && rm ca.key.tmp
  openssl req -x509 -new -key code-signing-ca.key -sha256 -days "$days" \
    -subj "/CN=Lampyris code-signing authority" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out code-signing-ca.pem
fi
openssl ecparam -name prime256v1 -genkey -noout -out signer.key
openssl req -new -key signer.key -subj "/CN=$name" -out signer.csr
printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature" "extendedKeyUsage=codeSigning" \
  > signer.ext
openssl x509 -req -in signer.csr -CA code-signing-ca.pem -CAkey code-signing-ca.key -CAcreateserial -sha256 \
  -days "$days" -extfile signer.ext -out signer.crt 2>/dev/null
openssl pkcs12 -export -inkey signer.key -in signer.crt -certfile code-signing-ca.pem -name signer \
  -passout "pass:$password" -out signer.p12
rm -f signer.key signer.csr signer.ext signer.crt code-signing-ca.srl
echo "signer.p12: alias signer, certificate CN=$name, issued by CN=Lampyris code-signing authority"
