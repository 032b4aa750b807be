// Where "New sale" (POS screen) takes the merchant: the dashboard's link form, amount field focused.
// Its own module because the form is a client component, whose exports a server page only sees as
// client references, not values.
export const NEW_SALE_ANCHOR = "new-sale";
export const NEW_SALE_HREF = `/merchant#${NEW_SALE_ANCHOR}`;
