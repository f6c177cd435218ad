import nodemailer, { type Transporter } from 'nodemailer';

export const createMailer = (smtpUrl: string): Transporter => nodemailer.createTransport(smtpUrl);
