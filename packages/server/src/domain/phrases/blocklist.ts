/**
 * Slurs and obscene words that are never accepted in a phrase (SPEC §4.1), upper-case.
 *
 * Written for Quipflip. Matching is by whole word (a phrase word is blocked only when it equals an
 * entry), so innocent words that contain an entry (SCUNTHORPE, COCKPIT, SAUERKRAUT, PUSSYCAT) stay
 * playable; that is why inflections are listed one by one.
 *
 * What is in: racial, ethnic, homophobic, transphobic, ableist and misogynist slurs, and strong
 * sexual or scatological obscenities. A slur is listed even when the same spelling has a rarer
 * innocent sense (CHINK, COON, DYKE): letting the slur through costs more than losing the idiom.
 * What is out: mild words whose everyday sense is innocent or that players use harmlessly in a
 * party game (DAMN, HELL, CRAP, PISS, BUTT, SEX, BASTARD, SCREW, PRICK, QUEER, ASS).
 * Entries that are not in the dictionary anyway are kept so the list stays meaningful if the
 * dictionary grows.
 */
export const BLOCKED_WORDS: readonly string[] = [
  // Racial and ethnic slurs
  'NIGGER', 'NIGGERS', 'NIGGA', 'NIGGAS', 'NIGGAZ', 'NIGGERHEAD',
  // NIGGARD is etymologically unrelated but is used to harass; players lose little without it.
  'NIGGARD', 'NIGGARDS', 'NIGGARDLY', 'NIGGARDLINESS',
  'COON', 'COONS', 'DARKIE', 'DARKIES', 'DARKY', 'SAMBO', 'SAMBOS', 'JIGABOO', 'JIGABOOS',
  'PICKANINNY', 'PICKANINNIES', 'GOLLIWOG', 'GOLLIWOGS',
  'KIKE', 'KIKES', 'YID', 'YIDS', 'HYMIE', 'HYMIES',
  'SPIC', 'SPICS', 'SPICK', 'SPICKS', 'WETBACK', 'WETBACKS', 'BEANER', 'BEANERS',
  'CHINK', 'CHINKS', 'CHINKY', 'GOOK', 'GOOKS', 'JAP', 'JAPS', 'ZIPPERHEAD', 'ZIPPERHEADS',
  'PAKI', 'PAKIS', 'RAGHEAD', 'RAGHEADS', 'TOWELHEAD', 'TOWELHEADS',
  'WOP', 'WOPS', 'DAGO', 'DAGOS', 'DAGOES', 'KRAUT', 'KRAUTS', 'HONKY', 'HONKIES',
  'REDSKIN', 'REDSKINS', 'SQUAW', 'SQUAWS', 'INJUN', 'INJUNS',
  'GYP', 'GYPS', 'GYPPED', 'GYPPING', 'GYPPER', 'GYPPERS',
  // Homophobic and transphobic slurs
  'FAG', 'FAGS', 'FAGGOT', 'FAGGOTS', 'FAGOT', 'FAGOTS', 'FAGGY',
  'DYKE', 'DYKES', 'LESBO', 'LESBOS', 'POOFS', 'POOFTER', 'POOFTERS',
  'TRANNY', 'TRANNIES', 'SHEMALE', 'SHEMALES',
  // Ableist slurs
  'RETARD', 'RETARDS', 'RETARDED', 'SPAZ', 'SPAZZES', 'MONG', 'MONGS', 'MONGOLOID', 'MONGOLOIDS',
  // Misogynist slurs
  'BITCH', 'BITCHES', 'BITCHED', 'BITCHING', 'BITCHY', 'BITCHIER', 'BITCHIEST', 'BITCHILY', 'BITCHINESS',
  'SONSOFBITCHES',
  'WHORE', 'WHORES', 'WHORED', 'WHORING', 'WHOREHOUSE', 'WHOREHOUSES', 'WHORESON', 'WHOREISH',
  'SLUT', 'SLUTS', 'SLUTTY', 'SLUTTIER', 'SLUTTIEST', 'SLUTTISH', 'SKANK', 'SKANKS', 'SKANKY',
  // Obscenities
  'FUCK', 'FUCKS', 'FUCKED', 'FUCKER', 'FUCKERS', 'FUCKING', 'FUCKIN', 'FUCKHEAD', 'FUCKHEADS',
  'FUCKWIT', 'FUCKWITS', 'MOTHERFUCKER', 'MOTHERFUCKERS', 'MOTHERFUCKING', 'CLUSTERFUCK',
  'SHIT', 'SHITS', 'SHITTED', 'SHITTING', 'SHITTY', 'SHITTIER', 'SHITTIEST', 'SHITHEAD', 'SHITHEADS',
  'SHITFACED', 'SHITLOAD', 'SHITLOADS', 'SHITWORK', 'SHITE',
  'BULLSHIT', 'BULLSHITS', 'BULLSHITTED', 'BULLSHITTER', 'BULLSHITTERS', 'BULLSHITTING',
  'HORSESHIT', 'HORSESHITS', 'CHICKENSHIT', 'CHICKENSHITS',
  'CUNT', 'CUNTS', 'TWAT', 'TWATS',
  'COCK', 'COCKS', 'COCKSUCKER', 'COCKSUCKERS', 'DICK', 'DICKS', 'DICKHEAD', 'DICKHEADS',
  'PUSSY', 'PUSSIES', 'TITS', 'TITTY', 'TITTIES',
  'ASSHOLE', 'ASSHOLES', 'ARSEHOLE', 'ARSEHOLES',
  'WANK', 'WANKS', 'WANKED', 'WANKER', 'WANKERS', 'WANKING',
  'BOLLOCKS', 'BOLLOCKING', 'BOLLOCKINGS',
  'BUGGER', 'BUGGERS', 'BUGGERED', 'BUGGERING', 'BUGGERY', 'BUGGERIES',
  'DILDO', 'DILDOS', 'DILDOES', 'BLOWJOB', 'BLOWJOBS', 'HANDJOB', 'HANDJOBS', 'RIMJOB', 'RIMJOBS',
  'JIZZ', 'JIZZED', 'CUM', 'CUMS', 'CUMMING', 'CUMSHOT', 'CUMSHOTS', 'CLIT', 'CLITS',
];
