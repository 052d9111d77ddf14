import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign, verify } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

export class SigningKeyError extends Error {}

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
}

/** The first 16 bytes of sha256 over the public key's DER (SPKI): names the key in each checkpoint it signed. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 32);
}

export function generateSigningKey(): { privatePem: string; publicPem: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
  };
}

/** Reads an Ed25519 private key (PKCS#8 PEM, as audit:keygen writes it); `warn` hears of a file others may read. */
export function loadSigningKey(file: string, warn?: (message: string) => void): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(file));
  } catch (error) {
    throw new SigningKeyError(`AUDIT_SIGNING_KEY_FILE ${file} is not a readable private key: ${(error as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new SigningKeyError(`AUDIT_SIGNING_KEY_FILE ${file} holds a ${privateKey.asymmetricKeyType} key; checkpoints are signed with Ed25519 (make one with audit:keygen)`);
  if (warn && (statSync(file).mode & 0o077) !== 0) warn(`AUDIT_SIGNING_KEY_FILE ${file} can be read by other users of this machine; chmod 600 it`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

/** A public key file (SPKI PEM) given to audit:verify; a private key file is accepted too and its public half used. */
export function loadPublicKey(file: string): KeyObject {
  let text: Buffer;
  try {
    text = readFileSync(file);
  } catch (error) {
    throw new SigningKeyError(`cannot read the public key ${file}: ${(error as Error).message}`);
  }
  let key: KeyObject;
  try {
    key = createPublicKey(text);
  } catch (error) {
    throw new SigningKeyError(`${file} is not a public key (PEM): ${(error as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new SigningKeyError(`${file} holds a ${key.asymmetricKeyType} key, not Ed25519`);
  return key;
}

export function signText(text: string, key: SigningKey): string {
  return sign(null, Buffer.from(text, 'utf8'), key.privateKey).toString('base64');
}

export function signatureHolds(text: string, signature: string, publicKey: KeyObject): boolean {
  try {
    return verify(null, Buffer.from(text, 'utf8'), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
