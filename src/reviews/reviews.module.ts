import { Module } from '@nestjs/common';
import { ItemsModule } from '../items/items.module';
import { ReviewsController } from './reviews.controller';
import { ReviewQueueService } from './review-queue.service';
import { ReviewsService } from './reviews.service';

@Module({ imports: [ItemsModule], controllers: [ReviewsController], providers: [ReviewsService, ReviewQueueService], exports: [ReviewsService, ReviewQueueService] })
export class ReviewsModule {}
