/** The Session-style User objects Spreadsheet.getOwner()/getEditors() return. */
import type { RuntimeContext } from './context.js';

export class User {
  constructor(
    private readonly ctx: RuntimeContext,
    private readonly email: string,
  ) {}
  getEmail(): string {
    this.ctx.calls.count('User.getEmail');
    return this.email;
  }
  getUsername(): string {
    this.ctx.calls.count('User.getUsername');
    return this.email.split('@')[0];
  }
}
