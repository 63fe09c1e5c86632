import { hash, verify } from '@node-rs/argon2';

/** argon2id (the library's default algorithm) with configurable cost. */
export class PasswordHasher {
  constructor(private readonly memoryCost: number, private readonly timeCost: number) {}
  hash(password: string): Promise<string> {
    return hash(password, { memoryCost: this.memoryCost, timeCost: this.timeCost, parallelism: 1 });
  }
  async verify(hashed: string | null, password: string): Promise<boolean> {
    // Unknown accounts still pay for one verify, so timing does not reveal which emails exist.
    const target = hashed ?? (await this.dummy());
    try {
      return (await verify(target, password)) && hashed !== null;
    } catch {
      return false;
    }
  }
  private dummyHash: Promise<string> | undefined;
  private dummy(): Promise<string> {
    return (this.dummyHash ??= this.hash('dummy-password-never-matches'));
  }
}
