import { describe, expect, it } from 'vitest';
import { folderIdOf, photoFileName, safeNamePart } from '../../../src/core/webapp/photo-names';

describe('photo file names (整改照片)', () => {
  it('carry the key, what the photo shows, the day and its place', () => {
    expect(photoFileName('DB-000123', '整改后', '2026-12-03', 1, 'image/jpeg')).toBe('DB-000123_整改后_2026-12-03_1.jpg');
    expect(photoFileName('DB-000123', '整改前', '2026-12-03', 2, 'image/png')).toBe('DB-000123_整改前_2026-12-03_2.png');
  });

  it('never make a path of a key', () => {
    expect(photoFileName('../x/y', 'after', '2026-12-03', 1, 'image/jpeg')).toBe('.._x_y_after_2026-12-03_1.jpg');
    expect(safeNamePart('..')).toBe('_');
    expect(safeNamePart('')).toBe('_');
  });

  it("read 照片文件夹 as a folder's URL, its id, or a name", () => {
    expect(folderIdOf('https://drive.google.com/drive/folders/1AbCdEfGhIjKlMnOpQrStUvWxYz012345')).toBe(
      '1AbCdEfGhIjKlMnOpQrStUvWxYz012345',
    );
    expect(folderIdOf('1AbCdEfGhIjKlMnOpQrStUvWxYz012345')).toBe('1AbCdEfGhIjKlMnOpQrStUvWxYz012345');
    expect(folderIdOf('督办整改照片')).toBeUndefined();
    expect(folderIdOf('Duban photos')).toBeUndefined();
  });
});
