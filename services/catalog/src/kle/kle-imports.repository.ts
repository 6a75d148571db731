import { Injectable } from '@nestjs/common';
import type { KleImportPreviewResponse } from '@kitos/contracts';
import { MongoConnection } from '@kitos/persistence';
import type { Model } from 'mongoose';
import type { ParsedKleEntry } from './emneplan-parser';
import { KLE_IMPORT_MODEL, kleImportSchema } from './kle.schema';

/** A previewed re-import: the parsed emneplan and the change shown for it. */
export interface KleImport {
  uuid: string;
  baseVersion: number;
  publishedDate: string | null;
  entries: ParsedKleEntry[];
  preview: KleImportPreviewResponse;
  createdAt: Date;
  createdByUserUuid: string | null;
  appliedAt: Date | null;
}

@Injectable()
export class KleImportsRepository {
  private readonly model: Model<Record<string, unknown>>;

  constructor(mongo: MongoConnection) {
    this.model = mongo.model<Record<string, unknown>>(KLE_IMPORT_MODEL, kleImportSchema);
  }

  async insert(item: KleImport): Promise<void> {
    const { uuid, ...rest } = item;
    await this.model.create([{ _id: uuid, ...rest }]);
  }

  async find(uuid: string): Promise<KleImport | null> {
    const d = await this.model.findOne({ _id: uuid }).lean<Record<string, unknown>>().exec();
    if (!d) return null;
    return {
      uuid: d._id as string,
      baseVersion: d.baseVersion as number,
      publishedDate: (d.publishedDate as string | null) ?? null,
      entries: d.entries as ParsedKleEntry[],
      preview: d.preview as KleImportPreviewResponse,
      createdAt: d.createdAt as Date,
      createdByUserUuid: (d.createdByUserUuid as string | null) ?? null,
      appliedAt: (d.appliedAt as Date | null) ?? null,
    };
  }

  async markApplied(uuid: string, at: Date, preview: KleImportPreviewResponse): Promise<void> {
    await this.model.updateOne({ _id: uuid }, { $set: { appliedAt: at, preview } }).exec();
  }

  /** Forgets previews older than `before` (applied ones too: the event and the classification keep what happened). */
  async deleteOlderThan(before: Date): Promise<void> {
    await this.model.deleteMany({ createdAt: { $lt: before } }).exec();
  }
}
