import { randomInt } from 'node:crypto';
import type { TwoFactorEnrolment } from '@causette/shared';
import { Secret, TOTP } from 'otpauth';
import { renderSVG } from 'uqr';
import type { Store } from '../store/store.js';
import { DomainError } from './errors.js';
import type { SecretBox } from './secret-box.js';

export const RECOVERY_CODE_COUNT = 10;
const PERIOD_SECONDS = 30;
// No 0/O, 1/I/L: codes are read off paper and typed by hand.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

const totpFor = (secret: string, label: string) =>
  new TOTP({ issuer: 'Causette', label, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secret) });

/** `xxxxx-xxxxx`: 10 characters of a 31-letter alphabet, about 50 bits. */
function newRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** What the agent types, the way it is hashed: case, spaces and dashes do not matter. */
export const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');

/**
 * TOTP (RFC 6238: SHA-1, 6 digits, 30 s, one step of drift either way) with single-use recovery codes. A code's
 * time step is recorded when accepted, so the same code (or an older one) never works twice.
 */
export class TwoFactorService {
  constructor(
    private readonly store: Store,
    private readonly box: SecretBox,
    private readonly now: () => number = Date.now,
  ) {}

  async isEnabled(agentId: string): Promise<boolean> {
    return (await this.store.twoFactor.get(agentId))?.enabledAt != null;
  }

  /** A new secret, pending until confirmed with a code; shown here and never again. */
  async begin(agent: { id: string; email: string }): Promise<TwoFactorEnrolment> {
    const key = new Secret({ size: 20 }).base32;
    if (!(await this.store.twoFactor.begin(agent.id, this.box.seal(key), this.now()))) throw new DomainError('conflict', 'Two-factor sign-in is already on.');
    const uri = totpFor(key, agent.email).toString();
    return { uri, key, qrSvg: renderSVG(uri, { border: 2 }) };
  }

  /** The first code proves the app holds the secret; the recovery codes come back once, in clear. */
  async confirm(agentId: string, code: string): Promise<string[]> {
    const row = await this.store.twoFactor.get(agentId);
    if (!row || row.enabledAt !== null) throw new DomainError('conflict', 'Start the set-up first.');
    const step = this.matchingStep(this.box.open(row.secret), code);
    if (step === null) throw new DomainError('bad_request', 'That code is not right; check the time on your phone and try the next one.');
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    if (!(await this.store.twoFactor.enable(agentId, this.now(), step, codes.map((c) => this.box.hash(normaliseRecoveryCode(c)))))) {
      throw new DomainError('conflict', 'Two-factor sign-in is already on.');
    }
    return codes;
  }

  /** True once per time step: a code seen before (replay) is refused like a wrong one. */
  async verifyCode(agentId: string, code: string): Promise<boolean> {
    const row = await this.store.twoFactor.get(agentId);
    if (!row || row.enabledAt === null) return false;
    const step = this.matchingStep(this.box.open(row.secret), code);
    return step !== null && step > row.lastStep && (await this.store.twoFactor.useStep(agentId, step));
  }

  async verifyRecoveryCode(agentId: string, code: string): Promise<boolean> {
    if (!(await this.isEnabled(agentId))) return false;
    return this.store.twoFactor.useRecoveryCode(agentId, this.box.hash(normaliseRecoveryCode(code)), this.now());
  }

  async regenerateRecoveryCodes(agentId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await this.store.twoFactor.replaceRecoveryCodes(agentId, codes.map((c) => this.box.hash(normaliseRecoveryCode(c))));
    return codes;
  }

  async disable(agentId: string): Promise<void> {
    await this.store.twoFactor.disable(agentId);
  }

  async recoveryCodesLeft(agentId: string): Promise<number> {
    return this.store.twoFactor.recoveryCodesLeft(agentId);
  }

  /** The time step the code belongs to (now, or one either side), or null. */
  private matchingStep(key: string, code: string): number | null {
    const totp = totpFor(key, '');
    const timestamp = this.now();
    const delta = totp.validate({ token: code, timestamp, window: 1 });
    return delta === null ? null : totp.counter({ timestamp }) + delta;
  }
}
