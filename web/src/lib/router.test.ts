import { describe, expect, it } from 'vitest';
import { matchPath } from './router.js';

describe('matchPath', () => {
  it('matches parameters and decodes them', () => {
    expect(matchPath('/products/:productId', '/products/a%2Fb')).toEqual({ productId: 'a/b' });
    expect(matchPath('/products/:productId', '/products/1/history')).toBeNull();
    expect(matchPath('/products/:productId', '/users/1')).toBeNull();
  });

  it('gives the rest of the path to a trailing wildcard', () => {
    expect(matchPath('/products/:productId/*', '/products/42')).toEqual({ productId: '42', '*': '' });
    expect(matchPath('/products/:productId/*', '/products/42/history')).toEqual({
      productId: '42',
      '*': 'history',
    });
    expect(matchPath('/products/:productId/*', '/products')).toBeNull();
  });

  it('refuses malformed percent-encoding instead of throwing', () => {
    expect(matchPath('/products/:productId', '/products/%E0%A4%A')).toBeNull();
  });
});
