import { TableCell, Tooltip } from '@material-ui/core';
import { SubscaleResult } from '@teamflow/plugin-cognitive-load-common';
import { SPREAD_TEXT, scoreColour } from '../../lib/present';
import { useHeatmapStyles } from './heatmapStyles';

/** One team × subscale: the median and spread, or why it is withheld — never a number below k. */
export function ScoreCell(props: {
  result?: SubscaleResult;
  headroom?: boolean;
  withheld?: boolean;
  k: number;
}) {
  const classes = useHeatmapStyles();
  const { result, headroom, withheld, k } = props;
  if (!result) {
    return withheld ? (
      <Tooltip
        title={`Fewer than ${k} people answered this part (the rest marked it not applicable), or showing it would reveal a smaller group.`}
      >
        <TableCell className={classes.cell} aria-label="withheld">
          <span className={classes.spread}>withheld</span>
        </TableCell>
      </Tooltip>
    ) : (
      <TableCell className={classes.cell} aria-label="no answers">
        –
      </TableCell>
    );
  }
  return (
    <TableCell
      className={classes.cell}
      style={{
        backgroundColor: scoreColour(
          result.median,
          headroom ? 'headroom' : 'load',
        ),
      }}
    >
      {result.private ? (
        <Tooltip
          title={`Differentially private mean (ε = ${result.private.epsilon}): noise of about ±${result.private.expectedError} points is added so that no one person's answers can be worked out.`}
        >
          <div>
            <div className={classes.median}>≈{result.median}</div>
            <div className={classes.spread}>
              ±{result.private.expectedError} (private)
            </div>
          </div>
        </Tooltip>
      ) : (
        <>
          <div className={classes.median}>{Math.round(result.median)}</div>
          {result.spread && (
            <div className={classes.spread}>{SPREAD_TEXT[result.spread]}</div>
          )}
        </>
      )}
    </TableCell>
  );
}
