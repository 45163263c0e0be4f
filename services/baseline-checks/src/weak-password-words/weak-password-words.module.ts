import { Module } from '@nestjs/common';
import { WeakPasswordWordsResolver } from './weak-password-words.resolver';
import { WeakPasswordWordsService } from './weak-password-words.service';

@Module({ providers: [WeakPasswordWordsResolver, WeakPasswordWordsService] })
export class WeakPasswordWordsModule {}
