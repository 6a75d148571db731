import { getMetadataStorage, IsInt, IsOptional, IsString, MaxLength, MetadataStorage, ValidateNested, validateSync } from 'class-validator';
import { Type } from 'class-transformer';
import { cacheValidationMetadata } from './validation-metadata-cache';
import { validateInto } from './validation';

// class-validator's own storage class; fresh instances (not the process-wide one) for the comparisons
const rulesOf = (storage: MetadataStorage, target: new () => object, groups?: string[]) =>
  storage
    .getTargetValidationMetadatas(target, '', false, false, groups)
    .map((m) => `${m.propertyName}:${m.name ?? m.type}`)
    .sort();

const global = (): MetadataStorage => getMetadataStorage();
/** Registers in `storage` the rules declared on `targets` themselves (as their decorators did in the global one). */
const register = (storage: MetadataStorage, ...targets: (new () => object)[]) => {
  for (const target of targets)
    for (const m of global().getTargetValidationMetadatas(target, '', false, false))
      if (m.target === target) storage.addValidationMetadata(m);
};

describe('cacheValidationMetadata', () => {
  class Base {
    @IsString()
    name!: string;
  }

  class Derived extends Base {
    @IsInt()
    count!: number;
  }

  it('answers the same rules as the uncached lookup, inherited ones included, per class and groups', () => {
    const plain = new MetadataStorage();
    const cached = new MetadataStorage();
    cacheValidationMetadata(cached);
    for (const storage of [plain, cached]) register(storage, Base, Derived);

    for (const target of [Base, Derived])
      for (const groups of [undefined, ['admin']]) {
        expect(rulesOf(cached, target, groups)).toEqual(rulesOf(plain, target, groups));
        expect(rulesOf(cached, target, groups)).toEqual(rulesOf(plain, target, groups)); // from the cache
      }
    expect(rulesOf(cached, Derived)).toEqual(['count:isInt', 'name:isString']);
  });

  it('sees rules registered after a lookup (a class decorated later)', () => {
    const storage = new MetadataStorage();
    cacheValidationMetadata(storage);
    register(storage, Base);
    expect(rulesOf(storage, Derived)).toEqual(['name:isString']);

    register(storage, Derived);

    expect(rulesOf(storage, Derived)).toEqual(['count:isInt', 'name:isString']);
  });

  it('hands each caller its own array', () => {
    const storage = new MetadataStorage();
    cacheValidationMetadata(storage);
    register(storage, Base);

    storage.getTargetValidationMetadatas(Base, '', false, false).length = 0;

    expect(rulesOf(storage, Base)).toEqual(['name:isString']);
  });

  it('is in force for the whole process through validateInto: nested and later-decorated classes validate as before', () => {
    class Inner {
      @IsString()
      @MaxLength(3)
      code!: string;
    }
    class Outer {
      @ValidateNested()
      @Type(() => Inner)
      inner!: Inner;

      @IsOptional()
      @IsInt()
      size?: number;
    }

    expect(() => validateInto(Outer, { inner: { code: 'abcd' } })).toThrow(/invalid/);
    expect(validateInto(Outer, { inner: { code: 'abc' }, size: 2 })).toMatchObject({ inner: { code: 'abc' }, size: 2 });

    class Later extends Inner {
      @IsInt()
      level!: number;
    }
    const errors = validateSync(Object.assign(new Later(), { code: 'x', level: 'high' }));
    expect(errors.map((e) => e.property)).toEqual(['level']);
  });
});
