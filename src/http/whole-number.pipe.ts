import { PipeTransform } from '@nestjs/common';
import { DomainError } from '@clearance/workflow';

const INT4_MAX = 2_147_483_647;

/**
 * A position or number in a path (`:index`, `:n`): digits only and within a database integer, else 404, since
 * such a path names nothing. ParseIntPipe alone lets 99999999999999999999 through to SQL, where it overflows.
 */
export class WholeNumberPipe implements PipeTransform<string | number, number> {
  constructor(private readonly name: string) {}

  // The global pipe has usually made a number of it already (the parameter is declared a number).
  transform(value: string | number): number {
    const number = typeof value === 'number' ? value : /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(number) || number < 0 || number > INT4_MAX) throw new DomainError('not_found', `:${this.name} must be a whole number from 0 to ${INT4_MAX}; nothing is at ${value}`, `:${this.name}`);
    return number;
  }
}
