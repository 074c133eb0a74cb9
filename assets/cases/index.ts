/**
 * Every practice case, one JSON file each (issue 7). Vite's import.meta.glob would list them, but this
 * module is also imported in Node (tests, CLI), so the list is explicit; a structure test checks that
 * every JSON file in this folder is listed here and nothing else.
 */
import cir01HypertensionHyperlipidemia from './cir-01-hypertension-hyperlipidemia.json';
import cir02HypertensiveHeartCkdFailure from './cir-02-hypertensive-heart-ckd-failure.json';
import cir03NstemiCad from './cir-03-nstemi-cad.json';
import cir04AtrialFibrillationAnticoagulant from './cir-04-atrial-fibrillation-anticoagulant.json';
import cir05StrokeSequelae from './cir-05-stroke-sequelae.json';
import cir06CadStableAnginaStent from './cir-06-cad-stable-angina-stent.json';
import dig01AppendicitisPeritonitis from './dig-01-appendicitis-peritonitis.json';
import dig02GerdEsophagitis from './dig-02-gerd-esophagitis.json';
import dig03NsaidGastricUlcerBleed from './dig-03-nsaid-gastric-ulcer-bleed.json';
import dig04CholecystitisCholelithiasis from './dig-04-cholecystitis-cholelithiasis.json';
import dig05SigmoidDiverticulitis from './dig-05-sigmoid-diverticulitis.json';
import dig06AlcoholicCirrhosisAscites from './dig-06-alcoholic-cirrhosis-ascites.json';
import end01Type2Hyperglycemia from './end-01-type2-hyperglycemia.json';
import end02DiabeticCkdHypertension from './end-02-diabetic-ckd-hypertension.json';
import end03Class3ObesityBmi from './end-03-class3-obesity-bmi.json';
import end04DkaInsulinUnderdosing from './end-04-dka-insulin-underdosing.json';
import end05Hypothyroidism from './end-05-hypothyroidism.json';
import inf01HerpesZoster from './inf-01-herpes-zoster.json';
import inf02SevereSepsisPneumococcal from './inf-02-severe-sepsis-pneumococcal.json';
import inf03MrsaCellulitis from './inf-03-mrsa-cellulitis.json';
import inf04CovidPneumonia from './inf-04-covid-pneumonia.json';
import inf05AidsPneumocystis from './inf-05-aids-pneumocystis.json';
import inf06CdiffColitis from './inf-06-cdiff-colitis.json';
import inf07HepatitisCChronic from './inf-07-hepatitis-c-chronic.json';
import inj01CollesFractureLadder from './inj-01-colles-fracture-ladder.json';
import inj02MedialMalleolusSubsequent from './inj-02-medial-malleolus-subsequent.json';
import inj03DogBiteForearm from './inj-03-dog-bite-forearm.json';
import inj04ConcussionSoccer from './inj-04-concussion-soccer.json';
import inj05ScaldBurnHand from './inj-05-scald-burn-hand.json';
import inj06AmoxicillinRash from './inj-06-amoxicillin-rash.json';
import inj07AcetaminophenSelfPoisoning from './inj-07-acetaminophen-self-poisoning.json';
import inj08AnkleSprainBasketball from './inj-08-ankle-sprain-basketball.json';
import inj09WhiplashCarCollision from './inj-09-whiplash-car-collision.json';
import inj10HipFractureFallFromBed from './inj-10-hip-fracture-fall-from-bed.json';
import men01RecurrentDepression from './men-01-recurrent-depression.json';
import men02AlcoholWithdrawal from './men-02-alcohol-withdrawal.json';
import men03AnxietyNicotine from './men-03-anxiety-nicotine.json';
import men04AlzheimerDementiaAgitation from './men-04-alzheimer-dementia-agitation.json';
import msk01PlantarFasciitis from './msk-01-plantar-fasciitis.json';
import msk02KneeOsteoarthritis from './msk-02-knee-osteoarthritis.json';
import msk03OsteoporoticVertebralFracture from './msk-03-osteoporotic-vertebral-fracture.json';
import msk04LumbarDiscRadiculopathy from './msk-04-lumbar-disc-radiculopathy.json';
import neo01BreastChemotherapy from './neo-01-breast-chemotherapy.json';
import neo02LungBrainMetastasis from './neo-02-lung-brain-metastasis.json';
import neo03BasalCellNose from './neo-03-basal-cell-nose.json';
import neo04ColonCancerAnemia from './neo-04-colon-cancer-anemia.json';
import neo05LipomaBack from './neo-05-lipoma-back.json';
import preg01RoutinePrenatal from './preg-01-routine-prenatal.json';
import preg02GestationalDiabetesDiet from './preg-02-gestational-diabetes-diet.json';
import preg03NormalDelivery from './preg-03-normal-delivery.json';
import preg04CesareanBreech from './preg-04-cesarean-breech.json';
import preg05SuperimposedPreeclampsia from './preg-05-superimposed-preeclampsia.json';
import preg06HyperemesisDehydration from './preg-06-hyperemesis-dehydration.json';
import res01CopdExacerbationSmoker from './res-01-copd-exacerbation-smoker.json';
import res02AsthmaExacerbation from './res-02-asthma-exacerbation.json';
import res03ProbablePneumoniaInpatient from './res-03-probable-pneumonia-inpatient.json';
import res04InfluenzaAPneumonia from './res-04-influenza-a-pneumonia.json';
import res05SuspectedInfluenzaOutpatient from './res-05-suspected-influenza-outpatient.json';
import z01AnnualExamFamilyHistory from './z-01-annual-exam-family-history.json';
import z02CdiffFollowUp from './z-02-cdiff-follow-up.json';
import z03ScreeningColonoscopyAdenoma from './z-03-screening-colonoscopy-adenoma.json';
import z04InfluenzaVaccination from './z-04-influenza-vaccination.json';
import z05KneeArthroplastyAftercare from './z-05-knee-arthroplasty-aftercare.json';

export const CASE_FILES: Readonly<Record<string, unknown>> = Object.freeze({
  'cir-01-hypertension-hyperlipidemia': cir01HypertensionHyperlipidemia,
  'cir-02-hypertensive-heart-ckd-failure': cir02HypertensiveHeartCkdFailure,
  'cir-03-nstemi-cad': cir03NstemiCad,
  'cir-04-atrial-fibrillation-anticoagulant': cir04AtrialFibrillationAnticoagulant,
  'cir-05-stroke-sequelae': cir05StrokeSequelae,
  'cir-06-cad-stable-angina-stent': cir06CadStableAnginaStent,
  'dig-01-appendicitis-peritonitis': dig01AppendicitisPeritonitis,
  'dig-02-gerd-esophagitis': dig02GerdEsophagitis,
  'dig-03-nsaid-gastric-ulcer-bleed': dig03NsaidGastricUlcerBleed,
  'dig-04-cholecystitis-cholelithiasis': dig04CholecystitisCholelithiasis,
  'dig-05-sigmoid-diverticulitis': dig05SigmoidDiverticulitis,
  'dig-06-alcoholic-cirrhosis-ascites': dig06AlcoholicCirrhosisAscites,
  'end-01-type2-hyperglycemia': end01Type2Hyperglycemia,
  'end-02-diabetic-ckd-hypertension': end02DiabeticCkdHypertension,
  'end-03-class3-obesity-bmi': end03Class3ObesityBmi,
  'end-04-dka-insulin-underdosing': end04DkaInsulinUnderdosing,
  'end-05-hypothyroidism': end05Hypothyroidism,
  'inf-01-herpes-zoster': inf01HerpesZoster,
  'inf-02-severe-sepsis-pneumococcal': inf02SevereSepsisPneumococcal,
  'inf-03-mrsa-cellulitis': inf03MrsaCellulitis,
  'inf-04-covid-pneumonia': inf04CovidPneumonia,
  'inf-05-aids-pneumocystis': inf05AidsPneumocystis,
  'inf-06-cdiff-colitis': inf06CdiffColitis,
  'inf-07-hepatitis-c-chronic': inf07HepatitisCChronic,
  'inj-01-colles-fracture-ladder': inj01CollesFractureLadder,
  'inj-02-medial-malleolus-subsequent': inj02MedialMalleolusSubsequent,
  'inj-03-dog-bite-forearm': inj03DogBiteForearm,
  'inj-04-concussion-soccer': inj04ConcussionSoccer,
  'inj-05-scald-burn-hand': inj05ScaldBurnHand,
  'inj-06-amoxicillin-rash': inj06AmoxicillinRash,
  'inj-07-acetaminophen-self-poisoning': inj07AcetaminophenSelfPoisoning,
  'inj-08-ankle-sprain-basketball': inj08AnkleSprainBasketball,
  'inj-09-whiplash-car-collision': inj09WhiplashCarCollision,
  'inj-10-hip-fracture-fall-from-bed': inj10HipFractureFallFromBed,
  'men-01-recurrent-depression': men01RecurrentDepression,
  'men-02-alcohol-withdrawal': men02AlcoholWithdrawal,
  'men-03-anxiety-nicotine': men03AnxietyNicotine,
  'men-04-alzheimer-dementia-agitation': men04AlzheimerDementiaAgitation,
  'msk-01-plantar-fasciitis': msk01PlantarFasciitis,
  'msk-02-knee-osteoarthritis': msk02KneeOsteoarthritis,
  'msk-03-osteoporotic-vertebral-fracture': msk03OsteoporoticVertebralFracture,
  'msk-04-lumbar-disc-radiculopathy': msk04LumbarDiscRadiculopathy,
  'neo-01-breast-chemotherapy': neo01BreastChemotherapy,
  'neo-02-lung-brain-metastasis': neo02LungBrainMetastasis,
  'neo-03-basal-cell-nose': neo03BasalCellNose,
  'neo-04-colon-cancer-anemia': neo04ColonCancerAnemia,
  'neo-05-lipoma-back': neo05LipomaBack,
  'preg-01-routine-prenatal': preg01RoutinePrenatal,
  'preg-02-gestational-diabetes-diet': preg02GestationalDiabetesDiet,
  'preg-03-normal-delivery': preg03NormalDelivery,
  'preg-04-cesarean-breech': preg04CesareanBreech,
  'preg-05-superimposed-preeclampsia': preg05SuperimposedPreeclampsia,
  'preg-06-hyperemesis-dehydration': preg06HyperemesisDehydration,
  'res-01-copd-exacerbation-smoker': res01CopdExacerbationSmoker,
  'res-02-asthma-exacerbation': res02AsthmaExacerbation,
  'res-03-probable-pneumonia-inpatient': res03ProbablePneumoniaInpatient,
  'res-04-influenza-a-pneumonia': res04InfluenzaAPneumonia,
  'res-05-suspected-influenza-outpatient': res05SuspectedInfluenzaOutpatient,
  'z-01-annual-exam-family-history': z01AnnualExamFamilyHistory,
  'z-02-cdiff-follow-up': z02CdiffFollowUp,
  'z-03-screening-colonoscopy-adenoma': z03ScreeningColonoscopyAdenoma,
  'z-04-influenza-vaccination': z04InfluenzaVaccination,
  'z-05-knee-arthroplasty-aftercare': z05KneeArthroplastyAftercare,
});
