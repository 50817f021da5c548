import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { Instrument } from '@teamflow/plugin-cognitive-load-common';
import { MySurvey, cognitiveLoadApiRef } from '../../api/CognitiveLoadApi';
import { SurveyForm } from './SurveyForm';

const instrument: Instrument = {
  id: 'small',
  version: 1,
  title: 'Small',
  items: [
    {
      id: 'a',
      text: 'We wait for other teams.',
      subscale: 'flow',
      polarity: 'negative',
    },
    {
      id: 'b',
      text: 'We have time to learn.',
      subscale: 'germane',
      polarity: 'positive',
    },
  ],
};

const survey: MySurvey = {
  wave: {
    id: 'w1',
    title: 'Q4 pulse',
    instrumentId: 'small',
    instrumentVersion: 1,
    opensAt: '2026-11-16T00:00:00.000Z',
    closesAt: '2026-12-12T00:00:00.000Z',
    status: 'open',
    createdBy: 'user:default/lars.berg',
    teamCount: 1,
    teams: ['group:default/checkout'],
  },
  instrument,
  team: { ref: 'group:default/checkout', title: 'Checkout' },
  answered: false,
};

describe('SurveyForm', () => {
  it('sends every statement once all are answered, "not applicable" as null', async () => {
    const answer = jest.fn(async () => ({ saved: 'created' as const }));
    await renderInTestApp(
      <TestApiProvider apis={[[cognitiveLoadApiRef, { answer }]]}>
        <SurveyForm survey={survey} />
      </TestApiProvider>,
    );
    const send = screen.getByRole('button', { name: 'Send my answers' });
    expect(send).toBeDisabled();
    expect(screen.getByText('2 statements left')).toBeInTheDocument();

    const first = screen.getByRole('radiogroup', {
      name: '1. We wait for other teams.',
    });
    fireEvent.click(within(first).getByLabelText('Agree'));
    const second = screen.getByRole('radiogroup', {
      name: '2. We have time to learn.',
    });
    fireEvent.click(within(second).getByLabelText('Not applicable'));
    expect(send).toBeEnabled();
    fireEvent.click(send);

    await waitFor(() =>
      expect(
        screen.getByText('Thank you, your answers are saved.'),
      ).toBeInTheDocument(),
    );
    expect(answer).toHaveBeenCalledWith('w1', 'group:default/checkout', {
      a: 4,
      b: null,
    });
  });

  it('shows earlier answers to change, and the reason when saving fails', async () => {
    const answer = jest.fn(async () => {
      throw new Error(
        'Wave w1 is closed; answers can no longer be given or changed',
      );
    });
    await renderInTestApp(
      <TestApiProvider apis={[[cognitiveLoadApiRef, { answer }]]}>
        <SurveyForm
          survey={{ ...survey, answered: true, answers: { a: 2, b: 5 } }}
        />
      </TestApiProvider>,
    );
    const first = screen.getByRole('radiogroup', {
      name: '1. We wait for other teams.',
    });
    expect(within(first).getByLabelText('Disagree')).toBeChecked();
    fireEvent.click(
      screen.getByRole('button', { name: 'Save my changed answers' }),
    );
    await waitFor(() =>
      expect(
        screen.getByText(
          'Wave w1 is closed; answers can no longer be given or changed',
        ),
      ).toBeInTheDocument(),
    );
  });
});
