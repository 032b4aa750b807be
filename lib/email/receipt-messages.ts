// The receipt email's own sentences, in the pay page's five languages. The labels it shares with
// the pay page's receipt (Paid to, Amount, Transaction, the simulated label…) come from the pay
// page's catalogue (lib/i18n/messages), so the email and the printed receipt say the same thing.
// Kept out of that catalogue on purpose: the pay page ships its catalogue to the browser.
import type { Locale } from "@/lib/i18n/locales";

export interface ReceiptEmailMessages {
  subject: string;
  subjectSimulated: string;
  intro: string;
  introSimulated: string;
  viewOnline: string;
  why: string;
}

const CATALOGUES: Record<Locale, ReceiptEmailMessages> = {
  en: {
    subject: "Receipt for your payment to {merchant}",
    subjectSimulated: "[Simulated] Receipt for your test payment to {merchant}",
    intro: "Thank you. {merchant} has received your payment. This is your receipt.",
    introSimulated: "This is the receipt of a simulated test payment to {merchant}. No money was paid.",
    viewOnline: "See this receipt online, print it or save it as PDF",
    why: "You receive this email because this address was given for receipts when the payment was requested.",
  },
  es: {
    subject: "Recibo de tu pago a {merchant}",
    subjectSimulated: "[Simulado] Recibo de tu pago de prueba a {merchant}",
    intro: "Gracias. {merchant} ha recibido tu pago. Este es tu recibo.",
    introSimulated: "Este es el recibo de un pago de prueba simulado a {merchant}. No se pagó dinero.",
    viewOnline: "Ver este recibo en línea, imprimirlo o guardarlo como PDF",
    why: "Recibes este correo porque se indicó esta dirección para los recibos al solicitar el pago.",
  },
  pt: {
    subject: "Recibo do seu pagamento a {merchant}",
    subjectSimulated: "[Simulado] Recibo do seu pagamento de teste a {merchant}",
    intro: "Obrigado. {merchant} recebeu o seu pagamento. Este é o seu recibo.",
    introSimulated: "Este é o recibo de um pagamento de teste simulado a {merchant}. Nenhum dinheiro foi pago.",
    viewOnline: "Ver este recibo online, imprimi-lo ou guardá-lo como PDF",
    why: "Recebe este e-mail porque este endereço foi indicado para recibos quando o pagamento foi pedido.",
  },
  nl: {
    subject: "Betaalbewijs van je betaling aan {merchant}",
    subjectSimulated: "[Gesimuleerd] Betaalbewijs van je testbetaling aan {merchant}",
    intro: "Bedankt. {merchant} heeft je betaling ontvangen. Dit is je betaalbewijs.",
    introSimulated: "Dit is het betaalbewijs van een gesimuleerde testbetaling aan {merchant}. Er is geen geld betaald.",
    viewOnline: "Bekijk dit betaalbewijs online, druk het af of sla het op als pdf",
    why: "Je ontvangt deze e-mail omdat dit adres voor betaalbewijzen is opgegeven toen de betaling werd aangevraagd.",
  },
  fr: {
    subject: "Reçu de votre paiement à {merchant}",
    subjectSimulated: "[Simulé] Reçu de votre paiement de test à {merchant}",
    intro: "Merci. {merchant} a bien reçu votre paiement. Voici votre reçu.",
    introSimulated: "Voici le reçu d'un paiement de test simulé à {merchant}. Aucun argent n'a été payé.",
    viewOnline: "Voir ce reçu en ligne, l'imprimer ou l'enregistrer en PDF",
    why: "Vous recevez cet e-mail car cette adresse a été indiquée pour les reçus lors de la demande de paiement.",
  },
};

export function receiptEmailMessages(locale: Locale): ReceiptEmailMessages {
  return CATALOGUES[locale];
}
