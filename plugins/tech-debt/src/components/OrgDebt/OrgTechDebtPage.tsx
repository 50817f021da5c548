import useAsync from 'react-use/esm/useAsync';
import {
  Content,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { techDebtApiRef } from '../../api/TechDebtApi';
import { OrgTechDebtView } from './OrgTechDebtView';

/** The org page. */
export function OrgTechDebtPage() {
  const api = useApi(techDebtApiRef);
  const { value, loading, error } = useAsync(() => api.getOrgRollup(), [api]);
  return (
    <Page themeId="tool">
      <Header
        title="Technical debt"
        subtitle="What the organisation owes its own software, by team and category, and what to pay back first"
      />
      <Content>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && <OrgTechDebtView rollup={value} />}
      </Content>
    </Page>
  );
}
