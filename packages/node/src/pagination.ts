// List answers are pages (limit, offset, has_more). A list call returns a PagePromise: awaited, it
// is the first page as the API answers it; iterated with `for await`, it is every item of every
// page, fetched page by page as the loop goes (next offset = offset + limit, until has_more is
// false). Lists are newest first, so objects created while a loop runs are not in it.
export interface Page {
  has_more: boolean;
  limit: number;
  offset: number;
}

export class PagePromise<P extends Page, T> implements PromiseLike<P>, AsyncIterable<T> {
  private first: Promise<P> | undefined;

  constructor(
    private readonly fetchPage: (offset: number | undefined) => Promise<P>,
    private readonly items: (page: P) => T[],
  ) {}

  private firstPage(): Promise<P> {
    this.first ??= this.fetchPage(undefined);
    return this.first;
  }

  then<A = P, B = never>(onfulfilled?: ((value: P) => A | PromiseLike<A>) | null, onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    return this.firstPage().then(onfulfilled, onrejected);
  }

  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<P | B> {
    return this.firstPage().catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<P> {
    return this.firstPage().finally(onfinally);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    let page = await this.firstPage();
    for (;;) {
      yield* this.items(page);
      if (!page.has_more || this.items(page).length === 0) return;
      page = await this.fetchPage(page.offset + page.limit);
    }
  }

  /** Every item of every page, up to `max` (default 10 000: a guard against unbounded memory). */
  async toArray(max = 10_000): Promise<T[]> {
    const out: T[] = [];
    for await (const item of this) {
      if (out.length >= max) break;
      out.push(item);
    }
    return out;
  }
}
