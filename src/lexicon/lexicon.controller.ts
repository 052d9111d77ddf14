import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { Auth, CurrentPrincipal } from '../auth/auth.decorators';
import { auditActor, UserPrincipal } from '../auth/principal';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import { ScannerService } from '../scan/scanner.service';
import { AddTermDto, ChangeTermDto } from './dto/lexicon-term.dto';
import { assertMayChangeLexicon, assertMayReadLexicon } from './lexicon-rules';
import { LexiconService } from './lexicon.service';

/** The lexicon is service-wide: secrecy administrators read it; those of LEXICON_UNITS (if set) change it. */
@Controller('api/v1/lexicon')
@Auth('user')
export class LexiconController {
  constructor(
    private readonly lexicon: LexiconService,
    private readonly scanner: ScannerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** What this process scans with now: the compiled version, the revision it was built from, the term counts. */
  @Get()
  async summary(@CurrentPrincipal() user: UserPrincipal) {
    assertMayReadLexicon(user);
    const scanner = await this.scanner.current();
    const { defaultTerms, customTerms } = await this.lexicon.counts();
    return { version: scanner.lexiconVersion, revision: this.scanner.loadedRevision, defaultTerms, customTerms };
  }

  @Get('terms')
  terms(@CurrentPrincipal() user: UserPrincipal) {
    assertMayReadLexicon(user);
    return this.lexicon.list();
  }

  @Post('terms')
  add(@CurrentPrincipal() user: UserPrincipal, @Body() dto: AddTermDto) {
    assertMayChangeLexicon(user, this.config.lexicon.units);
    return this.lexicon.add(dto, auditActor(user));
  }

  @Patch('terms/:id')
  change(@CurrentPrincipal() user: UserPrincipal, @Param('id') id: string, @Body() dto: ChangeTermDto) {
    assertMayChangeLexicon(user, this.config.lexicon.units);
    return this.lexicon.change(id, dto, auditActor(user));
  }

  @Delete('terms/:id')
  @HttpCode(200)
  deactivate(@CurrentPrincipal() user: UserPrincipal, @Param('id') id: string) {
    assertMayChangeLexicon(user, this.config.lexicon.units);
    return this.lexicon.deactivate(id, auditActor(user));
  }
}
