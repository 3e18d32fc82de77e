/** The image a reviewer sees: the fax itself, or the scan attached to an e-mail. */
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { describe, expect, it } from 'vitest';
import { reviewImage } from '../../src/admin/review-images.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010800000000', 'hex');

async function mail(attachments: Array<{ filename: string; content: Buffer; contentType: string }>): Promise<Buffer> {
  return new MailComposer({ from: 'a@example.org', to: 'orders@shop.example', subject: 'Order', text: 'Form attached.', attachments }).compile().build();
}

describe('reviewImage', () => {
  it('is the fax itself for an image or PDF original', async () => {
    expect(await reviewImage({ body: PNG, contentType: 'image/tiff', meta: {} })).toEqual({ bytes: PNG, contentType: 'image/tiff' });
  });

  it('is the first scanned attachment of an e-mail original', async () => {
    const body = await mail([{ filename: 'notes.txt', content: Buffer.from('x'), contentType: 'text/plain' }, { filename: 'form.png', content: PNG, contentType: 'image/png' }]);
    const image = await reviewImage({ body, contentType: 'message/rfc822', meta: {} });
    expect(image?.contentType).toBe('image/png');
    expect(image?.bytes.equals(PNG)).toBe(true);
  });

  it('is nothing for an e-mail without a scan, or a JSON order', async () => {
    expect(await reviewImage({ body: await mail([]), contentType: 'message/rfc822', meta: {} })).toBeUndefined();
    expect(await reviewImage({ body: Buffer.from('{}'), contentType: 'application/json', meta: {} })).toBeUndefined();
    expect(await reviewImage(undefined)).toBeUndefined();
  });
});
