import { expect } from 'chai';
import { drawableText, drawText, textWidth } from './bitmap-font.ts';

describe('bitmap font', () => {
  it('draws uppercase, drops accents and shows unknown characters as "?"', () => {
    expect(drawableText('Données – ✓ ok')).to.equal('DONNEES - ? OK');
  });

  it('plots each glyph at its advance and scale', () => {
    const lit = new Set<string>();
    drawText('-I', 10, 20, 2, (x, y) => lit.add(`${x},${y}`));
    // "-": one row of 5 pixels; "I": a 3-pixel bar, 5 rows of 1, a 3-pixel bar; each pixel 2×2 at scale 2.
    expect(lit.size).to.equal((5 + 3 + 5 + 3) * 4);
    expect(lit.has('10,26')).to.equal(true); // "-" on row 3, column 0
    expect(textWidth('-I', 2)).to.equal(22);
    expect(textWidth('', 1)).to.equal(0);
  });
});
