import { gap } from '../text-patterns.ts';
import type { LanguageKeywords } from './language.ts';

// Azerbaijani (Latin). The fold reads ə/e, ı/i, ö/o, ü/u, ş/s, ç/c, ğ/g alike, since many
// type without them ("kartima kocurun"). "Birbaşa" alone is legal talk ("birbaşa məhkəməyə
// müraciət edin"); it counts only with "mənə", "kartıma" or a payment verb.

const MONEY_REQUEST = `(?:köçür(?:ün|in)?|köçürə bilərsiniz|köçürərsiniz|ödəy(?:in|ə bilərsiniz|ərsiniz)|ödə|yatır(?:ın)?|yatıra bilərsiniz|keçir(?:in)?|atın|ata bilərsiniz|ödəniş ed(?:in|ə bilərsiniz|ərsiniz))`;
const SEND_REQUEST = `(?:göndər(?:in)?|göndərə bilərsiniz|göndərərsiniz)`;
const MINE = `(?:kartıma|kartama|kart nömrəmə|hesabıma|hesab nömrəmə|nömrəmə|telefonuma)`;
// Payment details: sent "to WhatsApp" they leave the platform.
const DETAILS = `(?:kart nömrə\\p{L}*|hesab nömrə\\p{L}*|rekvizit\\p{L}*|kartım\\p{L}*)`;
const PLATFORM = `(?:sayt|platforma|sistem|servis|tətbiq)`;
const MESSENGER = `(?:telegram|teleqram|whatsapp|vatsap|votsap|vatsab|viber|vayber|signal|instagram|insta|imo|skype)\\p{L}*(?! bot)`;
const CONTACT = `(?:göndərəcəm|göndərəcəyəm|göndərərəm|atacam|atacağam|yazacam|yazacağam|yazın|yazarsınız|yaza bilərsiniz|yazaram|yazım|yazaq|yazışaq|danışaq|danışarıq|danışım|əlaqə saxlayın|əlaqə saxlayaq|əlaqə saxlayarıq|zəng edin|zəng vurun|zəng edərsiniz|zəng edim|zəng edərəm|keçək|keçərik|davam edək|davam edərik|əlavə edin)`;

// An authority's phone is written as the authority's: "məhkəməsinin telefonu".
const INSTITUTION = `(?:məhkəmə|icra|notariat|notarius|prokurorluq|polis|nazirlik|vergi|asan|dövlət|vəkillər kollegiya|kollegiya|müfəttişlik|komitə|agentlik|xidmət)\\p{L}*`;
const INSTITUTION_PHONE = `(?:telefonu|telefon nömrəsi|qaynar xətti|çağrı mərkəzi|dəftərxanası|kargüzarlığı|qəbul otağı)`;

export const az: LanguageKeywords = {
  payOutside: [
    `(?:${MINE}|mənə|özümə) ${gap(3)}${MONEY_REQUEST}`,
    `${MONEY_REQUEST} ${gap(2)}${MINE}`,
    `${MINE} ${gap(2)}${SEND_REQUEST}`,
    `(?:pul\\p{L}*|ödəniş\\p{L}*|məbləğ\\p{L}*|haqq\\p{L}*|avans\\p{L}*|qonorar\\p{L}*) ${gap(2)}(?:mənə|${MINE}|birbaşa) ${gap(1)}(?:${SEND_REQUEST}|${MONEY_REQUEST})`,
    `birbaşa (?:mənə|özümə|${MINE}|${MONEY_REQUEST}|pul\\p{L}*|danış\\p{L}*|əlaqə saxla\\p{L}*)`,
    `${PLATFORM}\\p{L}* (?:kənar\\p{L}*|xaric\\p{L}*)`,
    `${PLATFORM}\\p{L}* yan keç\\p{L}*`,
    `${PLATFORM}(?:da|dan| vasitəsilə| üzərindən) yox`,
    `${PLATFORM}\\p{L}* olmadan`,
    `(?:${PLATFORM}|vasitəçi)sız`,
    `${PLATFORM}\\p{L}* (?:qarışdırma|xəbər vermə)(?:yaq|yın|yək)`,
    `(?:pul\\p{L}*|ödəniş\\p{L}*|məbləğ\\p{L}*|haqq\\p{L}*|avans\\p{L}*|qonorar\\p{L}*) ${gap(1)}(?:mənə|özümə) ${gap(1)}(?:ver|köçür|at|ödə)(?:ərsiniz|əsiniz|in|ün|ın|arsınız|yin)`,
    `komissiyasız ${gap(2)}(?:ödə|köçür|işlə|razılaş)\\p{L}*`,
    `${PLATFORM}\\p{L}* komissiya\\p{L}* (?:ver|ödə)(?:məmək|mədən|məyək)\\p{L}*`,
    `nağd\\p{L}* ${gap(2)}(?:ödəyin|verin|ödəyərsiniz|verərsiniz|ödəmək olar|ödəyə bilərsiniz)`,
    `(?:görüşəndə|görüşdə|ofisdə|ofisimdə) nağd\\p{L}*`,
    `(?:karta\\p{L}*|nağd\\p{L}*|birbaşa) ${gap(2)}qəbul ed(?:irəm|ərəm|irik|ərik)`,
  ],
  talkOutside: [
    `${DETAILS} ${gap(3)}${MESSENGER}`,
    `${MESSENGER} ${gap(2)}${CONTACT}`,
    `${CONTACT} ${gap(2)}${MESSENGER}`,
    `mənə (?:zəng|mesaj|sms) (?:edin|vurun|yazın|atın|göndərin)`,
    `(?:nömrəm|telefonum|nömrəmə|telefonuma) ${gap(1)}(?:zəng|yazın|mesaj|sms)\\p{L}*`,
    `şəxsiyə|şəxsidə|şəxsi mesaj\\p{L}*`,
    `nömrə(?:nizi|ni) ${gap(1)}(?:göndərin|yazın|verin|atın)`,
  ],
  transferRequest: [MONEY_REQUEST, SEND_REQUEST, `ödəniş\\p{L}* qəbul ed(?:irəm|ərəm|irik|ərik)`],
  onPlatform: [
    `${PLATFORM}(?:da|dakı|də|dəki|imizdə)(?! yox)`,
    `${PLATFORM}(?:in|imizin)? (?:vasitəsilə|üzərindən)(?! yox)`,
    `ödəniş (?:səhifə|düymə)\\p{L}*`,
    `çatda|çat daxilində`,
  ],
  refusal: [
    `olmaz`,
    `qadağan\\p{L}*`,
    `icazə verilmir`,
    `icazə yoxdur`,
    `qaydalar\\p{L}* (?:zidd|pozur|pozmaq)\\p{L}*`,
    `ziddir`,
    `\\p{L}+(?:mayın|məyin)`,
    `heç vaxt`,
    `bilmərəm`,
    `qəbul etmirəm`,
    `etməyəcəyəm`,
    `lazım deyil`,
    `mümkün deyil`,
  ],
  officialContact: [`${INSTITUTION} ${gap(3)}${INSTITUTION_PHONE}`, `qaynar xətt\\p{L}*|çağrı mərkəz\\p{L}*`, `rəsmi sayt\\p{L}*`],
  officialPayment: [`dövlət rüsum\\p{L}*`, `xəzinə\\p{L}*`, `cərimə\\p{L}*`, `məhkəmə\\p{L}* hesab\\p{L}*`, `depozit hesab\\p{L}*`],
};
