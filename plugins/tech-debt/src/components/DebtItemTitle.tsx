import { Chip } from '@material-ui/core';

/** An item's title, flagged when it is a quick win. */
export function DebtItemTitle(props: {
  item: { title: string; quickWin: boolean };
}) {
  return (
    <>
      {props.item.title}
      {props.item.quickWin && (
        <Chip
          size="small"
          color="primary"
          label="Quick win"
          style={{ marginLeft: 8 }}
        />
      )}
    </>
  );
}
