import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encrypts small secrets at rest (AES-256-GCM) and keys the hashes of recovery codes (HMAC-SHA256), with keys
 * derived from one master key: a copy of the database alone then reveals neither a TOTP secret nor, by brute
 * force over the hashes, a recovery code — as long as the master key lives outside it (CAUSETTE_TWO_FACTOR_KEY).
 */
export class SecretBox {
  private readonly encryptionKey: Buffer;
  private readonly hashKey: Buffer;

  constructor(master: string) {
    this.encryptionKey = Buffer.from(hkdfSync('sha256', master, 'causette', 'two-factor secret encryption', 32));
    this.hashKey = Buffer.from(hkdfSync('sha256', master, 'causette', 'recovery code hashing', 32));
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  open(sealed: string): string {
    const [version, iv, body, tag] = sealed.split('.');
    if (version !== 'v1' || !iv || !body || !tag) throw new Error('unreadable sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  hash(value: string): string {
    return createHmac('sha256', this.hashKey).update(value).digest('base64url');
  }
}
