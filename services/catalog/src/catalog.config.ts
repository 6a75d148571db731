import { IsNotEmpty, IsString } from 'class-validator';
import { ServiceConfig } from '@kitos/config';

/** The sample emneplan shipped with the repository (relative to the working directory). */
export const DEFAULT_KLE_EMNEPLAN_FILE = 'deploy/seed/kle/emneplan-sample.xml';

/** Settings of the catalogue service besides the common ones. */
export class CatalogConfig extends ServiceConfig {
  /**
   * KLE emneplan (KLE-online XML) imported at start-up while the catalogue has no KLE yet; relative paths are taken
   * from the working directory. `none` starts without KLE (a global admin imports one through the API).
   */
  @IsString()
  @IsNotEmpty()
  kleEmneplanFile = DEFAULT_KLE_EMNEPLAN_FILE;
}
