export { MySurveysView } from './MySurveysView';
export { SurveyForm } from './SurveyForm';
