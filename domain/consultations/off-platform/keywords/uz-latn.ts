import { gap } from '../text-patterns.ts';
import type { LanguageKeywords } from './language.ts';

// Uzbek in Latin script. The text is folded (apostrophes dropped), so "to'g'ri", "toʻgʻri"
// and "togri" all match "to'g'ri" below. Requests are matched in their request forms
// (imperative, conditional, "you will") so that "kartamga pul o'tkazishdi" — a client
// telling how money reached their card — is not a request.

const AUX = `(?: (?:yubor|qo'y|ber)(?:ing|ingiz|sangiz|asiz))`;
const MONEY_REQUEST = `(?:o'tkaz(?:ing|ingiz|sangiz|asiz|ishingiz|ib${AUX})|(?:tashla|to'la)(?:ng|ngiz|sangiz|ysiz|shingiz|b${AUX})|to'lov(?:ni)? qil(?:ing|ingiz|sangiz|asiz))`;
const SEND_REQUEST = `(?:yubor|jo'nat)(?:ing|ingiz|sangiz|asiz|ib${AUX})`;
const MINE = `(?:kartam|kartochkam|hisobim|raqamim|nomerim|telefonim)\\p{L}*`;
// Payment details: card number, account, requisites (sent "to Telegram" they leave the platform).
const DETAILS = `(?:karta(?:m|mning|ning)? raqam\\p{L}*|kartam\\p{L}*|hisob raqam\\p{L}*|rekvizit\\p{L}*)`;
const PLATFORM = `(?:sayt|platforma|tizim|ilova|servis)`;
const MESSENGER = `(?:telegram|telegramm|telegrem|teleg|tg|whatsapp|vatsap|vatsapp|watsap|votsap|viber|vayber|signal|instagram|insta|imo|lichka|direct|direkt)\\p{L}*(?! bot)`;
const TALK = `(?:(?:tashlay|yubora|jo'nata)(?:man|miz)|yoz(?:ing|ingiz|sangiz|asiz|aman|ay|ib qo'ying|ib qoldiring)|gaplash(?:amiz|aylik|sak|ing|ib olamiz|ib olaylik)|bog'lan(?:ing|ingiz|amiz|aylik|sangiz|asiz)|o't(?:amiz|aylik|ing|sak|sangiz)|ko'ch(?:amiz|aylik)|davom (?:etamiz|ettiramiz|etaylik|ettiraylik)|qo'ng'iroq qil(?:ing|ingiz|sangiz|aman|ay|amiz)|qo'sh(?:ing|ib oling|ilib oling)|kiring)`;

// An authority's phone is written as the authority's ("sudning telefoni", "MIB bo'limining
// ishonch telefoni"): "sudga borishdan oldin menga telefon qiling" stays a request.
const INSTITUTION = `(?:sud|mib|majburiy ijro|ijro byurosi|notarius|notarial|prokuratura|militsiya|politsiya|iib|adliya|vazirlik|hokimiyat|soliq|davlat xizmatlari|dxm|advokatlar palatasi|kadastr|fhdyo|inspeksiya|inspektsiya|qo'mita|agentlik)\\p{L}*`;
const INSTITUTION_PHONE = `(?:telefoni|telefon raqami|ishonch telefoni|call ?markazi|qabulxonasi|devonxonasi|kantselyariyasi|aloqa markazi)`;

export const uzLatn: LanguageKeywords = {
  payOutside: [
    `to'g'ridan to'g'ri (?:menga|o'zimga|${MINE}|${MONEY_REQUEST})`,
    `to'g'ri (?:menga|o'zimga|kartamga|hisobimga)`,
    `bevosita (?:menga|o'zimga|${MINE})`,
    `(?:${MINE}|menga|o'zimga) ${gap(3)}${MONEY_REQUEST}`,
    `${MONEY_REQUEST} ${gap(2)}${MINE}`,
    `${MINE} ${gap(3)}${SEND_REQUEST}`,
    `${PLATFORM}\\p{L}* tashqari\\p{L}*`,
    `${PLATFORM}\\p{L}* chetlab`,
    `(?:${PLATFORM}|vositachi)siz`,
    `${PLATFORM}(?:ga|dagilarga) (?:aytma|bildirma)(?:ymiz|slik|ng|nglar)`,
    `(?:pul|to'lov|summa|haq|avans|gonorar)\\p{L}* ${gap(1)}(?:menga|o'zimga) ${gap(1)}(?:ber|o'tkaz|tashla|to'la)(?:asiz|ing|ingiz|sangiz|ng|ngiz|ysiz|ib${AUX})`,
    `${PLATFORM}(?:da|ga| orqali) emas`,
    `komissiya\\p{L}*siz (?:ishla|to'la|kelish|qil)\\p{L}*`,
    `${PLATFORM}\\p{L}* komissiya\\p{L}* (?:ber|to'la)(?:may|maslik|mas)\\p{L}*`,
    `naqd\\p{L}* (?:pul\\p{L}* )?(?:to'la(?:ng|ngiz|sangiz|ysiz)|ber(?:ing|ingiz|sangiz|asiz))`,
    `(?:uchrashganda|uchrashib|ofisda|ofisimda) naqd\\p{L}*`,
    `(?:kartaga|kartamga|naqd\\p{L}*|to'g'ridan to'g'ri) ${gap(2)}qabul qila(?:man|miz)`,
  ],
  talkOutside: [
    `${DETAILS} ${gap(3)}${MESSENGER}`,
    `${MESSENGER} ${gap(3)}${DETAILS}`,
    `${MESSENGER} ${gap(2)}${TALK}`,
    `${TALK} ${gap(2)}${MESSENGER}`,
    `menga qo'ng'iroq qil\\p{L}*`,
    `(?:telefon|nomer|raqam)(?:im|imga|imdan) ${gap(1)}(?:qo'ng'iroq|yoz|sms|bog'lan|tashla)\\p{L}*`,
    `(?:raqam|nomer|telefon)(?:ingiz|ingizni) ${gap(1)}(?:yubor|qoldir|ber|tashla|yoz)(?:ing|ingiz|sangiz|asiz|ng)`,
  ],
  transferRequest: [
    MONEY_REQUEST,
    SEND_REQUEST,
    `to'lov\\p{L}* qabul qila(?:man|miz)`,
    `to'lash(?:im|ingiz)? mumkin\\p{L}*`,
    `to'lasa(?:m|ngiz)? bo'ladi\\p{L}*`,
  ],
  onPlatform: [
    `${PLATFORM}(?:da|dagi|imizda|imizdagi)`,
    `${PLATFORM}(?:imiz)? orqali(?! emas)`,
    `to'lov (?:sahifa|tugma)\\p{L}*`,
    `chat(?:da|ning o'zida)`,
  ],
  refusal: [
    `mumkin emas`,
    `taqiqlan\\p{L}*`,
    `ruxsat (?:etilmaydi|berilmaydi|yo'q)`,
    `zid\\p{L}*`,
    `\\p{L}+mang(?:iz)?`,
    `hech qachon`,
    `olmayman`,
    `qilmayman`,
    `so'ramayman`,
    `kerak emas`,
  ],
  officialContact: [
    `${INSTITUTION} ${gap(3)}${INSTITUTION_PHONE}`,
    `ishonch telefon\\p{L}*|call ?markaz\\p{L}*|qaynoq liniya\\p{L}*`,
    `rasmiy (?:veb )?sayt\\p{L}*`,
  ],
  officialPayment: [`davlat boj\\p{L}*`, `g'azna\\p{L}*`, `sud depozit\\p{L}*`, `jarima\\p{L}*`],
};
