/**
 * The words that make an action risky: field names that ask for card or bank details,
 * control names that buy, delete, send or move money, composer fields where Enter sends,
 * file types that download. Kept apart from the matching (extension/risk.ts) so that adding a
 * phrase or a language touches only data. The patterns match names in risk.ts's `words` form
 * (lowercase, no accents, punctuation as single spaces); phrase lists are put in that form
 * when risk.ts loads.
 */

/** Autocomplete tokens for password fields: https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#autofill */
export const passwordAutocomplete: ReadonlySet<string> = new Set([
  'current-password',
  'new-password',
  'one-time-code',
]);

/** Field names and labels that ask for card or bank details, as whole words. */
export const paymentNames =
  /\b(card ?(number|num|no|nr)|cc ?(num|number|no)|ccnum|credit card|debit card|cvc2?|cvv2?|csc|card (verification|security) (code|value|number)|security code|iban|routing number|sort code|bank account( number)?|kartennummer|karten nummer|pruf(ziffer|nummer)|numero de (la )?(carte|tarjeta|cartao)|codigo de seguridad|cryptogramme)\b/;

export type Consequence = 'buy' | 'delete' | 'send' | 'money';

/**
 * Control names that commit the user, matched against the start of the name in whole words
 * ("Delete account", not "Deleted items"; "Send", not "Sender name"). Nouns that are also
 * verbs (order, post) only count in the phrases listed, so "Order history" and "Postcode"
 * pass. Scripts without spaces (CJK) match as a prefix.
 */
export const riskyNames: Readonly<Record<Consequence, readonly string[]>> = {
  buy: [
    'buy',
    'purchase',
    'pay',
    'checkout',
    'place order',
    'place your order',
    'place bid',
    'bid now',
    'order',
    'order now',
    'submit order',
    'complete order',
    'complete purchase',
    'complete payment',
    'complete booking',
    'confirm order',
    'confirm purchase',
    'confirm payment',
    'confirm and pay',
    'confirm booking',
    'book now',
    'donate',
    'subscribe and pay',
    'start subscription',
    // de, fr, es/pt, it, nl
    'kaufen',
    'jetzt kaufen',
    'zahlungspflichtig bestellen',
    'bestellen',
    'jetzt bestellen',
    'bezahlen',
    'jetzt bezahlen',
    'kostenpflichtig bestellen',
    'acheter',
    'payer',
    'commander',
    'passer la commande',
    'valider la commande',
    'comprar',
    'pagar',
    'realizar pedido',
    'finalizar compra',
    'finalizar pedido',
    'acquista',
    'paga',
    'ordina',
    'kopen',
    'betalen',
    'nu kopen',
    'nu betalen',
    // ja, zh
    '購入',
    '今すぐ購入',
    '注文を確定',
    '注文する',
    '支払う',
    '立即购买',
    '提交订单',
    '付款',
    '支付',
  ],
  delete: [
    'delete',
    'remove',
    'erase',
    'permanently delete',
    'empty trash',
    'empty bin',
    'close account',
    'deactivate',
    'cancel subscription',
    'cancel order',
    'löschen',
    'entfernen',
    'konto löschen',
    'supprimer',
    'eliminar',
    'borrar',
    'excluir',
    'elimina',
    'cancella',
    'verwijderen',
    '削除',
    '删除',
  ],
  send: [
    'send',
    'send now',
    'send message',
    'post',
    'post comment',
    'post reply',
    'publish',
    'tweet',
    'retweet',
    'repost',
    'share post',
    'senden',
    'absenden',
    'veröffentlichen',
    'posten',
    'envoyer',
    'publier',
    'enviar',
    'publicar',
    'invia',
    'pubblica',
    'versturen',
    'verzenden',
    'plaatsen',
    '送信',
    '投稿する',
    '发送',
    '发布',
  ],
  money: [
    'transfer',
    'transfer money',
    'transfer funds',
    'send money',
    'wire',
    'withdraw',
    'überweisen',
    'virement',
    'transferir',
    'bonifico',
  ],
};

/** Phrases that must be the whole name: "Order" is a button, "Order history" a link. */
export const wholeNameOnly: ReadonlySet<string> = new Set(['order', 'post', 'wire']);

/** Confirmation words before the verb: "Yes, delete", "Confirm send", "Jetzt kaufen". */
export const leadIns =
  /^(yes|ok|okay|confirm|please|i agree|agree and|continue and|ja|oui|si|sim)\s+/;

/** Extensions Chrome saves rather than shows: installers, archives, scripts, office files. */
// prettier-ignore
export const downloadExtensions: ReadonlySet<string> = new Set([
  'exe', 'msi', 'msix', 'appx', 'dmg', 'pkg', 'deb', 'rpm', 'apk', 'appimage', 'jar',
  'bat', 'cmd', 'ps1', 'sh', 'vbs', 'scr', 'iso', 'img',
  'zip', 'rar', '7z', 'tar', 'gz', 'tgz', 'bz2', 'xz',
  'doc', 'docx', 'docm', 'xls', 'xlsx', 'xlsm', 'ppt', 'pptx', 'csv', 'torrent',
]);

/** Composer fields where Enter sends: chat boxes, comment and reply fields. */
export const composerNames =
  /\b(message|reply|comment|chat|tweet|post|what s happening|nachricht|mensaje)\b/;
