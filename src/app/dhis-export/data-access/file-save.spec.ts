import { TestBed } from '@angular/core/testing';
import { FileSave } from './file-save';

describe('FileSave', () => {
  it('clicks a hidden <a download> pointing at the blob, then removes it', async () => {
    const clicked: { href: string; download: string; connected: boolean }[] = [];
    spyOn(HTMLAnchorElement.prototype, 'click').and.callFake(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, connected: this.isConnected });
    });
    const createSpy = spyOn(URL, 'createObjectURL').and.callThrough();
    const blob = new Blob(['{"a":1}'], { type: 'application/json' });

    TestBed.inject(FileSave).save(blob, 'dhis-a-202401.json');

    expect(createSpy).toHaveBeenCalledWith(blob);
    expect(clicked.length).toBe(1);
    expect(clicked[0].download).toBe('dhis-a-202401.json');
    expect(clicked[0].href).toMatch(/^blob:/);
    expect(clicked[0].connected).toBeTrue();
    expect(document.querySelector('a[download]')).toBeNull();
  });
});
